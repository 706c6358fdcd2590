"""The conformance diff: a transcript's host side sent to the emulator, answers compared by shape."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from driver.transcript import FROM_MODULE, Event, read_transcript, split_exchanges
from driver.transcript.format import event_line, header_line
from emulator.emulator import Emulator
from emulator.replay.conformance import check_conformance

from .sessions import SEEDED, record_session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """A session recorded against another emulator, with its own server, folder and files."""
    path = tmp_path_factory.mktemp("conformance") / "bench.jsonl"
    with Emulator() as emulator:
        record_session(emulator, path)
    return path


def changed(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    """The transcript with one response edited, as if the module had answered otherwise."""
    transcript = read_transcript(source)
    events = []
    for event in transcript.events:  # the module's reads between two writes joined: an edit cannot straddle two
        if events and event.direction == events[-1].direction == FROM_MODULE:
            events[-1] = Event(events[-1].t, FROM_MODULE, events[-1].data + event.data)
        else:
            events.append(event)
    edited = [Event(e.t, e.direction, e.data.replace(old, new)) for e in events]
    assert edited != events
    target.write_text("\n".join([header_line(transcript.header), *map(event_line, edited)]) + "\n")
    return target


def test_the_emulator_answers_its_own_transcript_alike(recorded):
    report = check_conformance(read_transcript(recorded))
    assert report.conforms, report.render()
    assert report.compared == len(split_exchanges(read_transcript(recorded))) - 1
    assert any(seed.startswith(SEEDED) for seed in report.seeded)  # downloaded there, so rebuilt here


def test_a_changed_response_is_reported_in_that_exchange_only(recorded, tmp_path):
    edited = changed(recorded, tmp_path / "edited.jsonl", b"+FTPSIZE: 1,0,100", b"+FTPSIZE: 1,77")
    report = check_conformance(read_transcript(edited))
    (difference,) = report.differences
    sizes = [e.index for e in split_exchanges(read_transcript(edited)) if e.unit and e.unit.text == "AT+FTPSIZE"]
    assert [difference.index] == sizes
    assert difference.module == ("OK", "URC +FTPSIZE: 1,77")
    assert difference.emulator == ("OK", "URC +FTPSIZE: 1,0,<n>")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_command_line_reports_and_sets_the_exit_status(recorded, tmp_path):
    edited = changed(recorded, tmp_path / "edited.jsonl", b"\r\n+CPIN: READY\r\n", b"\r\n+CPIN: SIM PIN\r\n")
    result = run("emulator.replay", "conformance", str(edited))
    assert result.returncode == 1, result.stderr
    assert "exchanges compared, 1 differs" in result.stdout
    assert "AT+CPIN?\n  module:   +CPIN: SIM PIN | OK\n  emulator: +CPIN: READY | OK" in result.stdout
    same = run("emulator", "conformance", str(recorded))  # the same through sim7080-emulator
    assert same.returncode == 0 and "all answer alike" in same.stdout, same.stdout + same.stderr
