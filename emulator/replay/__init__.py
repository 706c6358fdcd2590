"""Transcripts played back as the module, and the emulator checked against them.

    with Emulator(replay="bench.jsonl", replay_mode="relaxed") as emu:   # no FTP server needed
        with Modem.open(emu.port) as modem: ...                         # the recorded driver calls
        emu.replay.check()                                              # ReplayMismatch if any

    python -m emulator.replay conformance bench.jsonl     # where the emulator answers otherwise

core (ReplayCore), script (a transcript as steps), matching (strict / relaxed),
conformance and seeding (the diff against the emulator).
"""

from __future__ import annotations

from pathlib import Path

from driver.transcript import Transcript

from ..profile import ModuleProfile
from .core import DEFAULT_LOOKAHEAD, ReplayCore, ReplayMismatch
from .matching import MODES, RELAXED, STRICT, Mismatch
from .script import ReplayScript


def replay_core(
    source: str | Path | Transcript | ReplayScript,
    profile: ModuleProfile,
    mode: str = STRICT,
    timing: float = 0.0,
) -> ReplayCore:
    """A ReplayCore for a transcript file (or a parsed one)."""
    return ReplayCore(ReplayScript.load(source), profile, mode=mode, timing=timing)


__all__ = [
    "DEFAULT_LOOKAHEAD",
    "MODES",
    "RELAXED",
    "STRICT",
    "Mismatch",
    "ReplayCore",
    "ReplayMismatch",
    "ReplayScript",
    "replay_core",
]
