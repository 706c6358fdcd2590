"""Fixtures for driving the emulator's FTP commands with raw bytes over its pty."""

import pytest

from emulator.emulator import Emulator
from tests.support.rawport import RawPort

# The application note's public server and account; mapped onto the embedded server.
AN_SERVER = "112.74.93.163"
AN_ACCOUNT = "simcomtest"


@pytest.fixture
def emu():
    with Emulator(ftp_user=AN_ACCOUNT, ftp_password=AN_ACCOUNT) as emulator:
        emulator.map_host(AN_SERVER, emulator.ftp.address)
        yield emulator


@pytest.fixture
def line(emu):
    """The module's serial line after boot, echo off, bearer 0 active."""
    with RawPort(emu.port) as port:  # opening the port flushed the boot URCs
        port.command("ATE0")
        port.expect(b"ATE0\r\r\nOK\r\n")
        port.ok("AT+CNACT=0,1")
        port.urc("+APP PDP: 0,ACTIVE")
        yield port


@pytest.fixture
def session_params(line):
    """The application note's parameter block: CID 0, its server and account."""
    for command in (
        "AT+FTPCID=0",
        f'AT+FTPSERV="{AN_SERVER}"',
        f'AT+FTPUN="{AN_ACCOUNT}"',
        f'AT+FTPPW="{AN_ACCOUNT}"',
    ):
        line.ok(command)
    return line


@pytest.fixture
def root(emu):
    """The embedded server's folder (the server's own view is checked with ftplib)."""
    return emu.ftp.root
