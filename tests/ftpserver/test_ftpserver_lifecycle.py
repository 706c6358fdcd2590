"""Rules belong to one server; stopping a server frees everything, stalls included."""

from __future__ import annotations

import ftplib
import os
import socket
import threading
import time

import pytest

from emulator.ftpserver import EmbeddedFtpServer


def test_rules_on_one_server_do_not_touch_another(connect):
    with EmbeddedFtpServer() as faulty, EmbeddedFtpServer() as healthy:
        faulty.faults.refuse_login()
        faulty.faults.throttle(1000)
        faulty.faults.cut_data(0)
        assert healthy.handler is not faulty.handler
        assert healthy.handler.dtp_handler is not faulty.handler.dtp_handler

        with pytest.raises(ftplib.error_perm, match=r"^530 "):
            connect(to=faulty)
        ftp = connect(to=healthy)
        (healthy.root / "f.bin").write_bytes(b"x" * 10_000)
        got = bytearray()
        ftp.retrbinary("RETR f.bin", got.extend)
        assert len(got) == 10_000
        assert healthy.faults.fired() == []
        assert faulty.faults.fired() == ["refuse_login"]


def _stalled_client(server: EmbeddedFtpServer) -> socket.socket:
    """A connection the server has accepted and is stalling (greeting held for a minute)."""
    server.faults.stall(60.0, once=True)
    sock = socket.create_connection((server.endpoint.host, server.endpoint.port), timeout=5)
    assert server.faults.wait_fired(1)
    return sock


def test_stop_is_quick_with_a_stall_pending():
    server = EmbeddedFtpServer().start()
    with _stalled_client(server) as sock:
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 2.0
        assert not server._thread.is_alive()
        # the stalled connection was closed, not left hanging
        assert sock.recv(1024) == b""


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts fds through /proc")
def test_no_thread_or_fd_leak_over_start_stop_cycles():
    def cycle() -> None:
        server = EmbeddedFtpServer().start()
        server.faults.throttle(100_000)
        with _stalled_client(server):
            ftp = ftplib.FTP()
            ftp.connect(server.endpoint.host, server.endpoint.port, timeout=5)
            ftp.login(server.endpoint.user, server.endpoint.password)
            ftp.retrlines("LIST", lambda _: None)
            server.stop()
            ftp.close()

    cycle()  # first use may allocate for good (imports, caches)
    threads, fds = threading.active_count(), _open_fds()
    for _ in range(20):
        cycle()
    assert threading.active_count() == threads
    assert _open_fds() == fds
