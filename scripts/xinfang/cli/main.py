"""The `xinfang` command line: parses arguments, calls the library, prints, sets the exit code."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

from ..errors import XinfangError
from ..records.characters import printable
from . import check, city, county, duties, site, work
from .common import EXIT_OK, EXIT_USAGE, Parser


def build_parser() -> Parser:
    parser = Parser(prog="xinfang", description="信访问题专项治理活动：案件台账检查、统计与网站。")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in (check, site, work, duties, county, city):
        group.add_commands(sub)
    return parser


def _output_never_fails() -> None:
    """Output piped on a Chinese Windows PC is GBK, which lacks some characters people type
    (emoji, rare names): print those as escapes rather than stop with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _output_never_fails()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except XinfangError as err:
        print(f"xinfang: {printable(str(err), keep=chr(10))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
