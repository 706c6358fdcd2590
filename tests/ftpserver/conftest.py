"""Fixtures: a real EmbeddedFtpServer, and ftplib sessions to it that close after the test."""

from __future__ import annotations

import ftplib

import pytest

from emulator.ftpserver import EmbeddedFtpServer


def payload(size: int) -> bytes:
    """`size` bytes with no repeating period shorter than 251, so a shifted or short copy shows."""
    return (bytes(range(251)) * (size // 251 + 1))[:size]


@pytest.fixture
def server():
    with EmbeddedFtpServer() as server:
        yield server


@pytest.fixture
def connect(server):
    """connect(login=True, timeout=5.0, to=server) -> ftplib.FTP, closed after the test."""
    sessions: list[ftplib.FTP] = []

    def open_session(*, login: bool = True, timeout: float = 5.0, to: EmbeddedFtpServer = server):
        ftp = ftplib.FTP(timeout=timeout)
        sessions.append(ftp)
        ftp.connect(to.endpoint.host, to.endpoint.port)
        if login:
            ftp.login(to.endpoint.user, to.endpoint.password)
        return ftp

    yield open_session
    for ftp in sessions:
        ftp.close()
