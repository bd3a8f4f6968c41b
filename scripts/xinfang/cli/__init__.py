"""The command line at the edge: argparse, printing and exit codes; the library does the work."""

from .main import main

__all__ = ["main"]
