"""`python -m emulator` as a user runs it: started, used over pyserial, stopped by a signal.

The process announces its endpoints and then `ready`; tests read its output
line by line until then (with a deadline), never for a fixed time.
"""

from __future__ import annotations

import ftplib
import os
import queue
import random
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import serial

from .hosts import BOOT_URCS, OK, read_until

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 20.0


class EmulatorProcess:
    """The command-line emulator in a subprocess, its stdout read by a thread into lines."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "emulator", *args],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, prefix: str, timeout: float = START_TIMEOUT) -> str:
        """The first stdout line starting with `prefix`; fails with everything seen otherwise."""
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no {prefix!r} line within {timeout} s; stdout so far: {self.seen}") from None
            if line is None:
                self.process.wait(5)
                raise AssertionError(
                    f"exited ({self.process.returncode}) before {prefix!r}; stdout: {self.seen}; "
                    f"stderr: {self.process.stderr.read()}"
                )
            self.seen.append(line)
            if line.startswith(prefix):
                return line

    def ready(self) -> dict[str, str]:
        """Wait for `ready`; return the announced `serial:` and `ftp:` values."""
        self.wait_for("ready")
        return {
            key: line.split(": ", 1)[1]
            for line in self.seen
            for key in ("serial", "ftp", "sim7080-emulator")
            if line.startswith(key + ": ")
        }

    def stop(self, signum: int) -> int:
        self.process.send_signal(signum)
        code = self.process.wait(10)
        self._reader.join(5)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self._reader.join(5)
        self.process.stdout.close()
        self.process.stderr.close()


@pytest.fixture
def launch():
    started: list[EmulatorProcess] = []

    def start(*args: str) -> EmulatorProcess:
        emulator = EmulatorProcess(*args)
        started.append(emulator)
        return emulator

    yield start
    for emulator in started:
        emulator.kill()


def ftp_address(announced: str) -> tuple[str, int]:
    host, port = announced.split()[0].rsplit(":", 1)
    return host, int(port)


def port_is_closed(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return True
    return False


def check_at(url: str) -> None:
    # > AT    < (a tail of the boot URCs) AT<CR> / OK
    port = serial.serial_for_url(url, baudrate=115200, timeout=0.05)
    try:
        port.write(b"AT\r")
        received = read_until(port, b"AT\r" + OK)
        assert BOOT_URCS.endswith(received[: -len(b"AT\r" + OK)]), received
    finally:
        port.close()


# -- running and stopping --------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_on_a_linked_pty_stopped_by_a_signal(launch, tmp_path, signum):
    link = tmp_path / "sim7080"
    emulator = launch("--link", str(link))
    announced = emulator.ready()
    assert announced["serial"].startswith(f"{link} -> /dev/")
    assert os.path.islink(link)
    check_at(str(link))
    check_at(str(link))  # the port can be opened again
    ftp = ftp_address(announced["ftp"])
    assert not port_is_closed(*ftp)
    assert emulator.stop(signum) == 0
    assert emulator.wait_for("stopped") == f"stopped ({signal.Signals(signum).name})"
    assert not os.path.lexists(link)
    assert port_is_closed(*ftp)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_right_after_ready_stops_it(launch, signum):
    emulator = launch("--no-ftp-server")
    emulator.ready()
    assert emulator.stop(signum) == 0


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_on_tcp_stopped_by_a_signal(launch, signum):
    emulator = launch("--tcp", "127.0.0.1:0")
    announced = emulator.ready()
    url = announced["serial"]
    match = re.fullmatch(r"socket://127\.0\.0\.1:(\d+)", url)
    assert match, url
    check_at(url)
    ftp = ftp_address(announced["ftp"])
    assert emulator.stop(signum) == 0
    assert port_is_closed("127.0.0.1", int(match.group(1)))
    assert port_is_closed(*ftp)


# -- options ----------------------------------------------------------------------------------


def test_ftp_server_options(launch, tmp_path):
    (tmp_path / "seed.txt").write_bytes(b"from the root")
    # a port below the ephemeral range, so no other test's connection takes it meanwhile;
    # another emulator of a parallel run may still hold one: then the next one
    for free_port in random.sample(range(20000, 30000), 5):
        emulator = launch(
            "--ftp-root", str(tmp_path), "--ftp-port", str(free_port),
            "--ftp-user", "bench", "--ftp-password", "pw-42",
        )  # fmt: skip
        try:
            announced = emulator.ready()
            break
        except AssertionError as failure:
            if "Address already in use" not in str(failure):
                raise
    assert announced["ftp"] == f"127.0.0.1:{free_port} user=bench password=pw-42 root={tmp_path}"
    with ftplib.FTP() as client:
        client.connect("127.0.0.1", free_port, timeout=5)
        client.login("bench", "pw-42")
        got = bytearray()
        client.retrbinary("RETR seed.txt", got.extend)
        assert got == b"from the root"
    assert emulator.stop(signal.SIGTERM) == 0


def test_no_ftp_server(launch):
    emulator = launch("--no-ftp-server")
    announced = emulator.ready()
    assert announced["ftp"].startswith("none")
    check_at(announced["serial"])
    assert emulator.stop(signal.SIGINT) == 0


def test_profile_file_and_time_scale(launch, tmp_path):
    # a profile whose bearer takes 20 module seconds; --time-scale 0.01 makes that 0.2 s
    # > AT+CGMR       < Revision:1951B17SIM7080 / OK     (from the profile file)
    # > AT+CNACT=0,1  < OK, then +APP PDP: 0,ACTIVE well within the 5 s the test waits
    profile = tmp_path / "bench.toml"
    profile.write_text('[identity]\nrevision = "1951B17SIM7080"\n[timings]\npdp_activation = 20.0\n')
    emulator = launch("--profile", str(profile), "--time-scale", "0.01", "--no-ftp-server")
    announced = emulator.ready()
    assert announced["sim7080-emulator"] == "profile bench, time scale 0.01"
    port = serial.Serial(announced["serial"], 115200, timeout=0.05)
    try:
        port.write(b"ATE0\r")
        read_until(port, b"ATE0\r" + OK)
        port.write(b"AT+CGMR\r")
        assert read_until(port) == b"\r\nRevision:1951B17SIM7080\r\n" + OK
        port.write(b"AT+CNACT=0,1\r")
        assert read_until(port, b"\r\n+APP PDP: 0,ACTIVE\r\n") == OK + b"\r\n+APP PDP: 0,ACTIVE\r\n"
    finally:
        port.close()
    assert emulator.stop(signal.SIGTERM) == 0


def test_realistic_profile_by_name(launch):
    emulator = launch("--profile", "realistic", "--time-scale", "0.5", "--no-ftp-server")
    assert emulator.ready()["sim7080-emulator"] == "profile realistic, time scale 0.5"
    assert emulator.stop(signal.SIGTERM) == 0


# -- refusals -----------------------------------------------------------------------------------


def run_and_fail(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "emulator", *args], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("usage: sim7080-emulator")
    return result.stderr


def test_a_missing_profile_is_an_argparse_error(tmp_path):
    stderr = run_and_fail("--profile", str(tmp_path / "absent.toml"))
    assert "--profile: cannot load profile" in stderr and "absent.toml" in stderr


def test_a_profile_with_an_unknown_key_is_an_argparse_error(tmp_path):
    profile = tmp_path / "typo.toml"
    profile.write_text("[timings]\nbot = 1.0\n")
    stderr = run_and_fail("--profile", str(profile))
    assert "unknown field 'bot' in [timings]" in stderr


def test_a_profile_with_a_wrong_type_is_an_argparse_error(tmp_path):
    profile = tmp_path / "typed.toml"
    profile.write_text('[uart]\npacing_baud = "fast"\n')
    assert "uart.pacing_baud must be int" in run_and_fail("--profile", str(profile))


@pytest.mark.parametrize("value", ["0", "-1", "fast", "nan", "inf"])
def test_a_bad_time_scale_is_an_argparse_error(value):
    assert "--time-scale: expected a positive number" in run_and_fail(f"--time-scale={value}")


def test_a_bad_tcp_address_is_an_argparse_error():
    assert "expected HOST:PORT" in run_and_fail("--tcp", "localhost")


def test_a_bad_log_level_is_an_argparse_error():
    assert "--log-level" in run_and_fail("--log-level", "LOUD")


def test_a_link_over_a_regular_file_is_refused(tmp_path):
    precious = tmp_path / "notes.txt"
    precious.write_text("keep me")
    result = subprocess.run(
        [sys.executable, "-m", "emulator", "--link", str(precious), "--no-ftp-server"],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("sim7080-emulator: cannot start: ") and "Traceback" not in result.stderr
    assert precious.read_text() == "keep me"
