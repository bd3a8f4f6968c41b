"""Copy this repository's files that a county repository gets into the package.

The schemas, the site's hand-written pages and settings, and the editor and commit-check settings
are edited here, in this repository; a county installs xinfang from a wheel, which carries them
as package data (``scripts/xinfang/county/files/``). Run after changing any of them:

    python scripts/sync_county_files.py

``tests/test_county_files.py`` fails while a copy differs from its source.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from xinfang.county.program_files import SHARED  # noqa: E402

PACKAGED = ROOT / "scripts" / "xinfang" / "county" / "files"


def sources(root: Path = ROOT) -> dict[str, Path]:
    """This repository's files named by ``SHARED``, by their path relative to the root."""
    return {
        path.relative_to(root).as_posix(): path
        for pattern in SHARED
        for path in sorted(root.glob(pattern))
        if path.is_file()
    }


def main() -> int:
    wanted = sources()
    if PACKAGED.exists():
        shutil.rmtree(PACKAGED)
    for rel, path in wanted.items():
        target = PACKAGED / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    print(f"已复制 {len(wanted)} 个文件到 {PACKAGED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
