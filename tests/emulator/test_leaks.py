"""Starting and stopping the emulator many times frees every thread, fd and socket."""

import os
import threading

import serial

from emulator.emulator import Emulator

from .hosts import OK, read_until

CYCLES = 200


def open_fds() -> dict[int, str]:
    fds = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            fds[int(name)] = os.readlink(f"/proc/self/fd/{name}")
        except FileNotFoundError:
            pass  # the fd listdir itself used
    return fds


def resources():
    fds = open_fds()
    sockets = sorted(target for target in fds.values() if target.startswith("socket:"))
    threads = sorted(t.name for t in threading.enumerate())
    return threads, len(fds), sockets


def one_cycle(i: int, tmp_path) -> None:
    kind = i % 4
    options = {
        0: {},  # pty and FTP server
        1: {"tcp": ("127.0.0.1", 0)},  # TCP and FTP server
        2: {"link": str(tmp_path / "sim7080"), "ftp_server": False},
        3: {"tcp": ("127.0.0.1", 0), "ftp_server": False},
    }[kind]
    with Emulator(**options) as emu:
        root = emu.ftp.root if emu.ftp else None
        if i % 10 == 0:  # now and then a host talks to it, and leaves the port open at stop
            port = serial.serial_for_url(emu.port, timeout=0.05)
            port.write(b"AT\r")
            assert read_until(port).endswith(OK)
            port.close()
    assert root is None or not root.exists()


def test_start_stop_cycles_leak_nothing(tmp_path):
    one_cycle(0, tmp_path)  # first use loads modules and caches; not a leak
    one_cycle(1, tmp_path)
    before = resources()
    for i in range(CYCLES):
        one_cycle(i, tmp_path)
    after = resources()
    assert after == before
    assert not os.path.lexists(tmp_path / "sim7080")
