"""`python -m driver.transcript show FILE`: a transcript as an annotated timeline."""

from __future__ import annotations

import argparse
import sys

from .format import TranscriptError
from .reader import read_transcript
from .render import DEFAULT_GAP, render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m driver.transcript", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="print the timeline of a transcript")
    show.add_argument("file", metavar="FILE", help="a .jsonl transcript")
    show.add_argument(
        "--gap", type=float, default=DEFAULT_GAP, metavar="SECONDS",
        help=f"mark silences longer than this (default {DEFAULT_GAP})",
    )  # fmt: skip
    show.add_argument("--last", type=int, metavar="N", help="only the last N exchanges")
    options = parser.parse_args(argv)
    try:
        transcript = read_transcript(options.file)
    except (OSError, TranscriptError) as exc:
        print(f"cannot read {options.file}: {exc}", file=sys.stderr)
        return 1
    try:
        print(render(transcript, gap=options.gap, last=options.last))
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
