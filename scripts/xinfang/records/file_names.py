"""Names as file names: a leader's name, a unit's code or a record's id made one path segment.

A leader's name is whatever campaign.yml says; a code or an id is whatever the repository's
schema lets through. Used as a file name (a site page, a brief), a name must never lead outside
its folder (``..``, ``/``, ``\\``), cut a link short (``#``, ``?``, ``%``), or name what Windows
reserves (``CON``, ``NUL.txt``, a trailing dot or space). :func:`file_name` keeps a plain name as it
is (郑春生, T01, XF2008-T01-001) and turns any other into a harmless one, with a short hash of the
name as written so that two names never meet in one file.
"""

from __future__ import annotations

import hashlib
import re

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\#?%:*"<>|\s\ud800-\udfff]')
_WINDOWS = re.compile(r"(?i)^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)")
MAX_BYTES = 100  # well under a file system's 255, with room for ".html" and a hash


def file_name(name: str) -> str:
    """``name`` as one safe path segment (see the module's notes)."""
    safe = _UNSAFE.sub("_", name)
    if safe.startswith("."):
        safe = "_" + safe
    if _WINDOWS.match(safe):
        safe = "_" + safe
    safe = safe.rstrip(". ") + ("_" if safe.endswith((".", " ")) else "")
    if safe == name and len(name.encode("utf-8", errors="surrogatepass")) <= MAX_BYTES:
        return name
    digest = hashlib.sha256(name.encode("utf-8", errors="surrogatepass")).hexdigest()[:8]
    head = safe.encode("utf-8", errors="replace")[: MAX_BYTES - len(digest) - 1]
    return f"{head.decode('utf-8', errors='ignore') or '_'}-{digest}"


def leaves_folder(path: str) -> bool:
    """Whether a relative path ("cases/X.md") could lead outside the folder it is written into."""
    parts = path.split("/")
    return (
        not path
        or path.startswith("/")
        or any(c in path for c in "\\\x00:")
        or any(part in ("", ".", "..") for part in parts)
    )
