"""Scenario files, the control socket and the command line that uses both."""

import json
import re
import subprocess
import sys
import tomllib

import pytest

from emulator.control import describe_knobs, scenario
from emulator.control.client import parse_assignments
from emulator.emulator import Emulator
from tests.support.rawport import RawPort

EXAMPLE = """
[timing]
data_urc_repeat = 2.0

[[knob]]
name = "script.respond"
command = "AT+CSQ"
lines = ["+CSQ: 3,0"]
once = false

[[knob]]
name = "network.signal"
args = { rssi = 9, ber = 9 }
when = { after_commands = 100 }
"""


def test_a_scenario_turns_its_knobs(tmp_path):
    with Emulator() as emu:
        assert emu.load_scenario(tomllib.loads(EXAMPLE)) == 2
        assert emu.profile.timings.data_urc_repeat == 2.0
        assert emu.status()["pending_rules"] == ["signal 9,9"]
        emu.reset()
        assert emu.status()["pending_rules"] == []
        assert emu.call(lambda core: core.profile.timings.data_urc_repeat) == 10.0


@pytest.mark.parametrize("text, complaint", [
    ("[[knob]]\ncid = 0\n", "has no name"),
    ('[[knob]]\nname = "network.nope"\n', "unknown knob"),
    ('[[knob]]\nname = "network.drop_bearer"\nbogus = 1\n', "network.drop_bearer"),
    ('[[knob]]\nname = "faults.fail_session"\ncode = 12\n', "61-94"),
    ("[other]\nx = 1\n", "unknown scenario sections"),
])  # fmt: skip
def test_a_bad_scenario_says_what_is_wrong(text, complaint):
    with Emulator() as emu, pytest.raises(ValueError, match=complaint):
        emu.load_scenario(tomllib.loads(text))


def test_dumps_writes_what_apply_reads():
    knobs = [{"name": "uart.inject_noise", "data": "\x00\"odd\\", "when": {"after_bytes": 5}, "once": True}]
    assert tomllib.loads(scenario.dumps(knobs, {"scale": 0.5})) == {"timing": {"scale": 0.5}, "knob": knobs}


def test_every_group_is_listed():
    names = {name.split(".")[0] for name, _, _ in describe_knobs()}
    assert names == {"faults", "network", "module", "uart", "script", "timing", "server"}


def test_assignments_on_the_command_line():
    assert parse_assignments(["cid=0", "when.after_bytes=500", 'lines=["+CSQ: 1,1"]', "command=AT+CSQ"]) == {
        "cid": 0, "when": {"after_bytes": 500}, "lines": ["+CSQ: 1,1"], "command": "AT+CSQ",
    }  # fmt: skip


def run_cli(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "emulator", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)  # fmt: skip


def wait_ready(process) -> list[str]:
    lines = []
    for text in process.stdout:
        lines.append(text)
        if text.startswith("ready"):
            return lines
    raise AssertionError(f"the emulator ended: {process.wait()} {process.stderr.read()}")


def ask(line: RawPort, command: str) -> bytes:
    line.command(command)
    return line.until(b"\r\nOK\r\n")


def test_scenario_and_control_from_the_command_line(tmp_path):
    # sim7080-emulator --link L --scenario S --control C; then sim7080-emulator control C ...
    link, control, script = tmp_path / "tty", tmp_path / "ctl", tmp_path / "s.toml"
    script.write_text(EXAMPLE)
    with run_cli("--link", str(link), "--scenario", str(script), "--control", str(control)) as emulator:
        try:
            assert any(text.startswith("control: ") for text in wait_ready(emulator))
            with RawPort(str(link)) as line:
                assert ask(line, "AT+CSQ") == b"AT+CSQ\r\r\n+CSQ: 3,0\r\n\r\nOK\r\n"  # from the scenario
                turned = subprocess.run([sys.executable, "-m", "emulator", "control", str(control),
                                         "script.respond", "command=AT+CGMM", 'lines=["ELSEWHERE"]'],
                                        capture_output=True, text=True, timeout=30)  # fmt: skip
                assert turned.returncode == 0, turned.stderr
                assert ask(line, "AT+CGMM") == b"AT+CGMM\r\r\nELSEWHERE\r\n\r\nOK\r\n"
            status = subprocess.run([sys.executable, "-m", "emulator", "control", str(control), "status"],
                                    capture_output=True, text=True, timeout=30)  # fmt: skip
            assert json.loads(status.stdout)["commands"] == 2
            listing = subprocess.run([sys.executable, "-m", "emulator", "control", str(control), "list"],
                                     capture_output=True, text=True, timeout=30)  # fmt: skip
            assert re.search(r"^network\.drop_bearer\(", listing.stdout, re.M)
            bad = subprocess.run([sys.executable, "-m", "emulator", "control", str(control), "network.nope"],
                                 capture_output=True, text=True, timeout=30)  # fmt: skip
            assert bad.returncode == 1 and "unknown knob" in bad.stderr
        finally:
            emulator.terminate()
            assert emulator.wait(10) == 0
    assert not control.exists()


def test_a_bad_scenario_stops_the_command_line_with_a_message(tmp_path):
    script = tmp_path / "bad.toml"
    script.write_text('[[knob]]\nname = "network.nope"\n')
    with run_cli("--link", str(tmp_path / "tty"), "--scenario", str(script)) as emulator:
        assert emulator.wait(30) == 1
        assert "unknown knob" in emulator.stderr.read()


def test_control_without_an_emulator_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "emulator", "control", str(tmp_path / "none"), "status"],
                            capture_output=True, text=True, timeout=30)  # fmt: skip
    assert result.returncode == 1 and "no emulator answers" in result.stderr
