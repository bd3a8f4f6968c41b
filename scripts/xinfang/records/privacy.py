"""Personal data on the site: identity-card and phone numbers masked, confidential names hidden.

The full record stays in the repository; nothing published shows more than a reader needs
(个人信息保护法 Art. 13, 28, 34).
"""

from __future__ import annotations

from .case import Case, Petitioner

HIDDEN_NAME = "（保密）"


def mask_id_number(value: str) -> str:
    """3408**********123X: the region code and the last four characters only."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678 for a mobile number; a landline keeps its last four digits."""
    digits = value.replace("-", "")
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def petitioner_name(case: Case, person: Petitioner) -> str:
    return HIDDEN_NAME if case.confidential else person.name


def petitioner_names(case: Case) -> str:
    if case.confidential:
        return HIDDEN_NAME
    names = [p.name for p in case.petitioners]
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "")
