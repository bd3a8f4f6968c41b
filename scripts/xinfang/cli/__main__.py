"""`python -m xinfang.cli`: the same as the `xinfang` command."""

import sys

from .main import main

sys.exit(main())
