"""Fault schedules as TOML, and their replay without hypothesis (what a failing fuzz run prints)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from driver import FtpAuthenticationError, FtpFileError
from emulator.emulator import Emulator

from .fault_runner import run_schedule
from .schedules import Fault, Operation, Schedule

ROOT = Path(__file__).resolve().parents[2]
SCHEDULE = Schedule(
    Operation("get", size=3000, offset=7),
    (
        Fault("server.stall", {"seconds": 1.2, "command": "RETR", "once": True}),
        Fault("server.reply", {"code": 421, "once": False}, "after 1360 bytes"),  # no command: the greeting
        Fault("module.reboot", {"when": {"after_commands": 8}}),
    ),
)


def test_a_schedule_survives_its_toml():
    text = SCHEDULE.to_toml()
    assert "python -m tests.fuzz.replay_schedule" in text
    assert Schedule.from_toml(text) == SCHEDULE


def test_when_names_a_byte_count_or_before():
    assert Fault("bearer.drop", {"cid": 0}, "after 1460 bytes").after_bytes == 1460
    assert Fault("bearer.drop", {"cid": 0}).after_bytes is None
    with pytest.raises(ValueError):
        _ = Fault("bearer.drop", {"cid": 0}, "soon").after_bytes


@pytest.fixture(scope="module")
def emulator():
    with Emulator() as emulator:
        yield emulator


@pytest.mark.parametrize(
    ("schedule", "failure"),
    [
        # PASS answered 530: the module reports 72
        (Schedule(Operation("size", 10), (Fault("server.refuse_login", {"once": True}),)), FtpAuthenticationError),
        # RETR answered 550: the module reports 77
        (Schedule(Operation("get", 10), (Fault("server.reply", {"command": "RETR", "code": 550}),)), FtpFileError),
        # no fault at all: the exact data
        (Schedule(Operation("put", 3000)), None),
    ],
)
def test_a_printed_schedule_replays_to_the_same_outcome(emulator, schedule, failure, request):
    replayed = Schedule.from_toml(schedule.to_toml())
    outcome = run_schedule(emulator, replayed, f"replay-{request.node.callspec.id}")
    if failure is None:
        assert outcome.failure is None
    else:
        assert type(outcome.failure) is failure


def test_the_replay_command_runs_a_printed_schedule(tmp_path):
    # python -m tests.fuzz.replay_schedule FILE: its own emulator, the same checks, the outcome
    path = tmp_path / "failing.toml"
    path.write_text(Schedule(Operation("size", 10), (Fault("server.refuse_login", {"once": True}),)).to_toml())
    done = subprocess.run([sys.executable, "-m", "tests.fuzz.replay_schedule", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("size: FtpAuthenticationError 72")
