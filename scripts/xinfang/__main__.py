"""`python -m xinfang`: the same as the `xinfang` command."""

import sys

from .cli import main

sys.exit(main())
