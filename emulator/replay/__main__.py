"""`python -m emulator.replay conformance FILE`: where the emulator answers otherwise than
the module of a transcript (exit status 1 if anywhere)."""

from __future__ import annotations

import argparse
import sys

from driver.transcript import TranscriptError, read_transcript

from .conformance import DEFAULT_TIMEOUT, check_conformance


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m emulator.replay", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    conformance = commands.add_parser(
        "conformance", help="send a transcript's host side to the emulator and compare the answers by shape"
    )
    conformance.add_argument("file", metavar="FILE", help="a transcript (.jsonl), best one recorded on hardware")
    conformance.add_argument("--profile", default="fast", metavar="fast|realistic|FILE.toml",
                             help="emulator profile (default: fast)")  # fmt: skip
    conformance.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"how long an exchange may take on the emulator (default {DEFAULT_TIMEOUT:g})",
    )  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    try:
        transcript = read_transcript(options.file)
    except (OSError, TranscriptError) as exc:
        print(f"cannot read {options.file}: {exc}", file=sys.stderr)
        return 2
    report = check_conformance(transcript, profile=options.profile, timeout=options.timeout)
    print(report.render())
    return 0 if report.conforms else 1


if __name__ == "__main__":
    sys.exit(main())
