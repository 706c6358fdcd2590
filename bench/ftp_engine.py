"""ftp_engine: the emulator's own download from its FTP server into module RAM, against ftplib.

Emulator side: AT+FTPEXTGET=1 with the profile's extended-get RAM raised to
hold the whole file, timed from the command to `+FTPEXTGET: 1,0`. That is one
session of the FTP engine (connect, USER, PASS, TYPE I, PASV, RETR, QUIT) with
a window the size of the file (no host reads hold it back), each chunk posted
to the module loop and appended to the module's RAM: the engine alone, with no
UART transfer in the figure.

Baseline: ftplib in this process, the same session against the same embedded
server: login, retrbinary of the same file (65536-byte reads, as the engine's),
quit. Figure: the best run of each side, MiB/s (medians in the detail).
"""

from __future__ import annotations

import dataclasses
import ftplib
import time

from emulator.ftp import runner
from emulator.profile import ModuleProfile

from .payloads import payload
from .result import Result, rate_result
from .rig import on_emulator
from .sizes import MiB, Sizes
from .stats import alternate

KEY = "ftp_engine"
WHAT = "emulator FTP download into module RAM (AT+FTPEXTGET=1)"
UNIT = "MiB/s"
GOAL = "≥ 0.8× baseline"
NAME = "bench-engine.bin"
URC_TIMEOUT = 120.0


def measure(sizes: Sizes) -> Result:
    data = payload(sizes.engine_bytes)
    profile = ModuleProfile()
    profile.limits = dataclasses.replace(profile.limits, extget_buffer=len(data))
    with on_emulator(profile) as rig:
        (rig.root / NAME).write_bytes(data)
        endpoint = rig.emulator.ftp
        _set_parameters(rig.modem, endpoint)
        engine_rate(rig, data)  # the first session pays for imports and the server's first login
        ours, theirs = alternate(
            lambda: engine_rate(rig, data), lambda: ftplib_rate(endpoint, data), sizes.engine_runs
        )
    how = f"best of {sizes.engine_runs} downloads of {len(data)} bytes per side, alternating"
    return rate_result(KEY, WHAT, UNIT, GOAL, 0.8, ours, theirs, how)


def _set_parameters(modem, endpoint) -> None:
    for command in (
        "AT+FTPCID=0",
        f'AT+FTPSERV="{endpoint.host}"',
        f"AT+FTPPORT={endpoint.port}",
        f'AT+FTPUN="{endpoint.user}"',
        f'AT+FTPPW="{endpoint.password}"',
        'AT+FTPGETPATH="/"',
        f'AT+FTPGETNAME="{NAME}"',
    ):
        modem.command(command)


def engine_rate(rig, data: bytes) -> float:
    """MiB/s from AT+FTPEXTGET=1 to +FTPEXTGET: 1,0; the module's RAM must then hold the file."""
    modem = rig.modem
    with modem.channel.subscribe("+FTPEXTGET: 1,") as urcs:
        started = time.perf_counter()
        modem.command("AT+FTPEXTGET=1")
        urc = urcs.wait(URC_TIMEOUT, "AT+FTPEXTGET=1").text
        elapsed = time.perf_counter() - started
    if urc != "+FTPEXTGET: 1,0":
        raise AssertionError(f"AT+FTPEXTGET=1 ended with {urc!r}")
    exact = rig.emulator.call(lambda core: core.ftp.extget == data)
    modem.command("AT+FTPEXTGET=0")
    if not exact:
        raise AssertionError("the module's RAM does not hold the file")
    return len(data) / MiB / elapsed


def ftplib_rate(endpoint, data: bytes) -> float:
    received = bytearray()
    started = time.perf_counter()
    ftp = ftplib.FTP()
    ftp.connect(endpoint.host, endpoint.port)
    ftp.login(endpoint.user, endpoint.password)
    ftp.retrbinary(f"RETR {NAME}", received.extend, blocksize=runner._CHUNK)
    ftp.quit()
    elapsed = time.perf_counter() - started
    if received != data:
        raise AssertionError(f"ftplib got {len(received)} bytes, not the {len(data)} expected")
    return len(data) / MiB / elapsed
