"""When two record ids are one id.

People copy ids from paper ledgers, Excel cells and Chinese input methods: ``XF2008-T01-001`` also
arrives as ``XF2008-T01-0001`` (the schema allows three to five digits), in full-width characters
(``ＸＦ２００８－Ｔ０１－００１``) or in lower case. These name the same record: two files whose ids
differ only so are a duplicate, and an id given up once is not given out again in another dress.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\d+")


def _number(match: re.Match[str]) -> str:
    # Digit by digit (no int(): an id of 5,000 digits must not raise), leading zeros dropped.
    digits = "".join(str(unicodedata.digit(c, 0)) for c in match.group())
    return digits.lstrip("0") or "0"


def same_id(value: str) -> str:
    """The id as compared for sameness: width, letter case and zero padding set aside."""
    return _DIGITS.sub(_number, unicodedata.normalize("NFKC", value).casefold())
