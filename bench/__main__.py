"""`python -m bench`: run the benchmarks, print the table, write results.json."""

import argparse
import sys
from pathlib import Path

from .metrics import KEYS
from .run import DEFAULT_OUTPUT, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: tests the program only")
    parser.add_argument("--only", nargs="+", choices=KEYS, metavar="KEY", help=", ".join(KEYS))
    parser.add_argument(
        "--output", type=Path, help=f"results file (default {DEFAULT_OUTPUT}; with --smoke a temporary one)"
    )
    options = parser.parse_args(argv)
    run(options.only, smoke=options.smoke, output=options.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
