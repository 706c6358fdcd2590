"""Record a driver session against the emulator, replay the transcript with the emulator in
replay mode, run the same driver calls: the same results, and nothing unexpected written."""

from __future__ import annotations

import dataclasses
import signal

import pytest

from driver import AtError
from driver.transcript import read_transcript
from emulator.emulator import Emulator

from ..emulator.test_cli import EmulatorProcess
from .sessions import record_session, run_session, settings_for


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """Both sides of one session: the driver's transcript and the emulator's own."""
    folder = tmp_path_factory.mktemp("round-trip")
    host_side, module_side = folder / "host.jsonl", folder / "module.jsonl"
    with Emulator(record=module_side) as emulator:
        settings = settings_for(emulator.ftp)
        results = record_session(emulator, host_side)
    return host_side, module_side, settings, results


def test_the_recording_holds_the_whole_session(recorded):
    host_side, module_side, _, results = recorded
    assert results[-1] == []  # the session left nothing unread
    for path, who in ((host_side, "host"), (module_side, "module")):
        transcript = read_transcript(path)
        assert transcript.header.recorded_by == who
        assert b"AT+FTPETPUT=2\r" in transcript.bytes_to_module()
        assert b"+FTPGET: 1,0" in transcript.bytes_from_module()


@pytest.mark.parametrize("side", ["host", "module"])
def test_strict_replay_gives_the_same_results(recorded, side):
    host_side, module_side, settings, results = recorded
    source = host_side if side == "host" else module_side
    # no FTP server: every answer comes from the transcript
    with Emulator(replay=source, ftp_server=False) as replay:
        assert run_session(replay.port, settings) == results
        replay.replay.check()
        assert replay.replay.finished
        assert replay.replay.mismatches == []


def test_relaxed_replay_takes_other_values_of_the_same_shape(recorded):
    host_side, _, settings, results = recorded
    elsewhere = dataclasses.replace(settings, host="ftp.example.net", port=2121, user="other", password="pw-other")
    with Emulator(replay=host_side, replay_mode="relaxed", ftp_server=False) as replay:
        assert run_session(replay.port, elsewhere) == results
        replay.replay.check()
        differed = " ".join(replay.replay.differences)
    assert "ftp.example.net" in differed and "2121" in differed


def test_strict_replay_answers_error_to_an_unexpected_command_and_lists_it(recorded):
    host_side, _, settings, _ = recorded
    elsewhere = dataclasses.replace(settings, port=2121)
    with Emulator(replay=host_side, ftp_server=False) as replay:
        with pytest.raises(AtError) as refused:
            run_session(replay.port, elsewhere)
        assert refused.value.command == "AT+FTPPORT=2121"
        with pytest.raises(AssertionError, match="AT\\+FTPPORT=2121"):
            replay.replay.check()
        (mismatch,) = replay.replay.mismatches
        assert mismatch.expected == f"'AT+FTPPORT={settings.port}'"


def test_command_line_replay_plays_the_module(recorded):
    host_side, _, settings, results = recorded
    process = EmulatorProcess("--replay", str(host_side), "--replay-mode", "strict")
    try:
        announced = process.ready()
        assert announced["ftp"].startswith("none")
        assert run_session(announced["serial"], settings) == results
        assert process.stop(signal.SIGINT) == 0
        summary = process.wait_for("replay (strict)")
    finally:
        process.kill()
    assert summary.endswith("0 passed over, 0 never reached, 0 mismatches")
