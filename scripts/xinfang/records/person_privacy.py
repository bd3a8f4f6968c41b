"""Key persons in exports: the name masked, and masked wherever the record's own texts repeat it.

Identity-card and phone numbers are masked by ``privacy.py``. A masked export keeps the
surname only (邵**), enough for a unit to find its own file, too little to identify a person
from a sheet that travels.
"""

from __future__ import annotations

from .person import KeyPerson
from .privacy import mask_id_number, mask_phone


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1)


def masked_text(text: str, person: KeyPerson) -> str:
    """``text`` with the person's name masked where it appears."""
    return text.replace(person.name, mask_name(person.name)) if person.name else text


def shown_name(person: KeyPerson, masked: bool) -> str:
    return mask_name(person.name) if masked else person.name


def shown_id(person: KeyPerson, masked: bool) -> str:
    if not person.id_number:
        return ""
    return mask_id_number(person.id_number) if masked else person.id_number


def shown_phone(person: KeyPerson, masked: bool) -> str:
    if not person.phone:
        return ""
    return mask_phone(person.phone) if masked else person.phone
