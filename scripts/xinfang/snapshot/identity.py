"""Identity-card numbers as keyed hashes: the city can match one person across counties without
seeing who it is.

HMAC-SHA256 with the city's key (the environment variable ``XINFANG_CITY_KEY``, given to every
county's CI as a secret and never committed). Without the key a number cannot be recovered from
its hash, not even by trying every possible number, which a plain SHA-256 would allow (an
identity number has few unknown digits). The key's fingerprint (an HMAC of a fixed text) goes into
the manifest, so that the city sees when a county hashed with another key: its hashes would then
match nobody's.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from ..errors import ConfigError
from ..rules.identity import check_digit

KEY_VARIABLE = "XINFANG_CITY_KEY"
MIN_KEY_LENGTH = 16
_FINGERPRINT_TEXT = b"xinfang city key fingerprint v1"


def normalized(number: str) -> str:
    """One form for one person: no spaces, upper-case X, a 15-digit number of before 1999 turned
    into its 18-digit form (19 inserted before the year, the check digit added)."""
    text = "".join(number.split()).upper()
    if len(text) == 15 and text.isdigit():
        first17 = text[:6] + "19" + text[6:]
        return first17 + check_digit(first17)
    return text


@dataclass(frozen=True)
class CityKey:
    secret: bytes

    def hash(self, number: str | None) -> str | None:
        """The keyed hash of an identity number (None for none)."""
        if not number or not number.strip():
            return None
        text = normalized(number).encode("utf-8")
        return hmac.new(self.secret, text, hashlib.sha256).hexdigest()

    @property
    def fingerprint(self) -> str:
        """Says which key was used and nothing about the key itself."""
        return hmac.new(self.secret, _FINGERPRINT_TEXT, hashlib.sha256).hexdigest()[:16]


def key_from_text(text: str) -> CityKey:
    key = text.strip()
    if len(key) < MIN_KEY_LENGTH:
        raise ConfigError(
            f"环境变量 {KEY_VARIABLE} 中的市级密钥太短（{len(key)} 个字符）："
            f"请向市信访局索取完整的密钥（至少 {MIN_KEY_LENGTH} 个字符），原样设置。"
        )
    return CityKey(key.encode("utf-8"))


def key_from_environment() -> CityKey | None:
    """The city's key from the environment; None when it is not set."""
    text = os.environ.get(KEY_VARIABLE, "")
    return key_from_text(text) if text.strip() else None


NO_KEY_NOTICE = (
    f"注意：没有设置环境变量 {KEY_VARIABLE}（市信访局给的市级密钥）：快照中不写身份证号的散列，"
    "市里无法发现同一信访人到几个县上访。请在 CI 的“密钥”（secrets）中设置它，见 docs/city.md。"
)
