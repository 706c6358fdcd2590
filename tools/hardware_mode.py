"""Run hil_tests the way a bench does, with no hardware: proof that the hardware path works.

Starts the emulator's command line as a separate process on a pty link, a
separate FTP server process (pyftpdlib's own command line), then
`pytest hil_tests --modem <link> --ftp-server ...`: the suite sees nothing but a
serial port and an FTP server it was told about, exactly as on a bench.

    python tools/hardware_mode.py [pytest arguments...]
"""

from __future__ import annotations

import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READY_TIMEOUT = 30.0
PORTS = range(20000, 30000)  # below the ephemeral range: no client connection takes one meanwhile


def start_server(root: Path, user: str, password: str) -> tuple[subprocess.Popen, int]:
    """pyftpdlib's own command line on a free port; another port if that one was taken."""
    for port in random.sample(PORTS, 5):
        server = subprocess.Popen(
            [sys.executable, "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", str(port), "-w",
             "-d", str(root), "-u", user, "-P", password],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if wait_for_server(port, server):
            return server, port
    raise SystemExit("the FTP server did not start on any of 5 ports")


def wait_for_server(port: int, process: subprocess.Popen) -> bool:
    """True once the server accepts connections; False if it exited (its port was taken)."""
    deadline = time.monotonic() + READY_TIMEOUT
    while process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("the FTP server did not start") from None
            time.sleep(0.05)  # polling a process we do not control: no event to wait on
    return False


def wait_for_emulator(process: subprocess.Popen) -> None:
    for line in process.stdout:
        print(f"  emulator: {line.rstrip()}")
        if line.startswith("ready"):
            return
    raise SystemExit(f"the emulator exited with {process.wait()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(pytest_args: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="sim7080-bench-") as scratch:
        root = Path(scratch) / "ftp-root"
        root.mkdir()
        link = Path(scratch) / "ttySIM7080"
        user, password = "bench", secrets.token_urlsafe(9)
        server, port = start_server(root, user, password)
        emulator = subprocess.Popen(
            [sys.executable, "-m", "emulator", "--link", str(link), "--no-ftp-server"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            wait_for_emulator(emulator)
            command = [sys.executable, "-m", "pytest", "hil_tests", "--modem", str(link),
                       "--ftp-server", f"127.0.0.1:{port}", "--ftp-user", user, "--ftp-password", password,
                       *pytest_args]  # fmt: skip
            print("hardware mode:", " ".join(command).replace(password, "***"), flush=True)
            return subprocess.call(command)
        finally:
            stop(emulator)
            stop(server)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
