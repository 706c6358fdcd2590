"""stall: the server accepts, then says nothing for a while (module error 64), while its other
connections keep being served."""

from __future__ import annotations

import ftplib
import socket
import time

import pytest

LONG = 30.0  # far beyond any client timeout below; the fixture's stop() ends it


def test_stalled_greeting_times_out_while_another_connection_is_served(server, connect):
    server.faults.stall(LONG, once=True)
    # (connect)    -> nothing
    with pytest.raises(TimeoutError):
        connect(login=False, timeout=0.3)
    # a second connection, while the first one's stall is still pending, is greeted and served
    ftp = connect()
    assert ftp.voidcmd("NOOP").startswith("200")
    assert server.faults.fired() == [f"stall greeting {LONG:g}s"]


def test_stalled_command_times_out_while_another_connection_is_served(server, connect):
    (server.root / "f.bin").write_bytes(b"data")
    server.faults.stall(LONG, "RETR")
    stalled = connect(timeout=0.3)
    # PASV -> 227; RETR f.bin -> nothing
    with pytest.raises(TimeoutError):
        stalled.retrbinary("RETR f.bin", lambda _: None)
    other = connect()
    listing: list[str] = []
    other.retrlines("LIST", listing.append)
    assert any(line.endswith(" f.bin") for line in listing)


def test_after_the_stall_the_command_runs(server, connect):
    server.faults.stall(0.3, "NOOP")
    ftp = connect()
    started = time.monotonic()
    # NOOP -> (0.3 s of silence) -> 200
    assert ftp.voidcmd("NOOP").startswith("200")
    # the scheduler never runs a call early, so this lower bound is exact
    assert time.monotonic() - started >= 0.3


def test_stall_then_an_injected_reply(server, connect):
    server.faults.stall(0.2, "PASV")
    server.faults.reply("PASV", 421)
    ftp = connect()
    # PASV -> (silence) -> 421
    with pytest.raises(ftplib.error_temp, match=r"^421 "):
        ftp.retrlines("LIST", lambda _: None)
    assert server.faults.fired() == ["stall PASV 0.2s", "reply PASV 421"]


def test_lines_sent_during_a_stall_are_answered_after_it_in_order(server):
    server.faults.stall(0.2, "NOOP", once=True)
    with socket.create_connection((server.endpoint.host, server.endpoint.port), timeout=5) as sock:
        replies = sock.makefile("rb")
        assert replies.readline().startswith(b"220")
        # NOOP and SYST pipelined in one segment: the stall holds SYST behind NOOP
        sock.sendall(b"NOOP\r\nSYST\r\n")
        assert replies.readline().startswith(b"200")
        assert replies.readline().startswith(b"215")


def test_client_hanging_up_during_a_stall_cancels_it(server, connect):
    server.faults.stall(LONG, "NOOP", once=True)
    with socket.create_connection((server.endpoint.host, server.endpoint.port), timeout=5) as sock:
        sock.recv(1024)
        sock.sendall(b"NOOP\r\n")
        assert server.faults.wait_fired(1)
    # by the time a later connection is served, the server has seen the hang-up
    ftp = connect()
    assert ftp.voidcmd("NOOP").startswith("200")
    pending = [t for t in list(server._ioloop.sched._tasks) if not t.cancelled]
    assert not [t for t in pending if getattr(t._target, "__name__", "") == "_release"]
