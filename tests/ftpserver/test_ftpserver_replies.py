"""Injected answers on the control connection: refuse_login, reply, garbage.

Each test narrates the exchange ftplib has with the server, then checks what ftplib raised
and that the refused command did not run."""

from __future__ import annotations

import ftplib
import io

import pytest

from .conftest import payload


def test_refuse_login_answers_pass_with_530(server, connect):
    server.faults.refuse_login()
    ftp = connect(login=False)
    # USER sim...  -> 331 (still accepted)
    assert ftp.sendcmd(f"USER {server.endpoint.user}").startswith("331")
    # PASS ...     -> 530                                  (module error 72)
    with pytest.raises(ftplib.error_perm, match=r"^530 "):
        ftp.sendcmd(f"PASS {server.endpoint.password}")
    assert server.faults.fired() == ["refuse_login"]


def test_reply_to_user(server, connect):
    server.faults.reply("USER", 530)
    ftp = connect(login=False)
    # USER sim...  -> 530 Not logged in.                   (module error 71)
    with pytest.raises(ftplib.error_perm, match=r"^530 Not logged in\.$"):
        ftp.login(server.endpoint.user, server.endpoint.password)


def test_reply_to_type(server, connect):
    server.faults.reply("TYPE", 504)
    ftp = connect()
    # TYPE I       -> 504                                  (module error 73)
    with pytest.raises(ftplib.error_perm, match=r"^504 "):
        ftp.voidcmd("TYPE I")


def test_reply_to_rest(server, connect):
    (server.root / "a.bin").write_bytes(payload(5000))
    server.faults.reply("REST", 502, "No resume here")
    ftp = connect()
    ftp.voidcmd("TYPE I")
    # PASV -> 227; REST 100 -> 502 No resume here           (module error 74)
    with pytest.raises(ftplib.error_perm, match=r"^502 No resume here$"):
        ftp.retrbinary("RETR a.bin", lambda _: None, rest=100)


def test_reply_421_to_pasv_closes_the_control_connection(server, connect):
    server.faults.reply("PASV", 421)
    ftp = connect()
    # PASV         -> 421 Service not available, closing control connection.   (module error 75)
    with pytest.raises(ftplib.error_temp, match=r"^421 "):
        ftp.retrlines("LIST", lambda _: None)
    # ... and the server hangs up, as 421 announces
    with pytest.raises((EOFError, ConnectionError)):
        ftp.voidcmd("NOOP")


def test_reply_to_port(server, connect):
    server.faults.reply("PORT", 500)
    ftp = connect()
    ftp.set_pasv(False)
    # PORT 127,0,0,1,p1,p2 -> 500                          (module error 76)
    with pytest.raises(ftplib.error_perm, match=r"^500 "):
        ftp.retrlines("LIST", lambda _: None)


def test_reply_to_the_greeting(server, connect):
    server.faults.reply(None, 421)
    # (connect)    -> 421 instead of 220                   (module error 65)
    with pytest.raises(ftplib.error_temp, match=r"^421 "):
        connect(login=False)


# The command itself refused (module error 77): the reply ftplib sees, and the proof that the
# server did not run the command.
def _retr(ftp, root):
    ftp.retrbinary("RETR f.bin", lambda _: None)


def _stor(ftp, root):
    ftp.storbinary("STOR new.bin", io.BytesIO(b"x"))


def _appe(ftp, root):
    ftp.storbinary("APPE f.bin", io.BytesIO(b"x"))


def _stou(ftp, root):
    ftp.storbinary("STOU", io.BytesIO(b"x"))


def _list(ftp, root):
    ftp.retrlines("LIST", lambda _: None)


def _size(ftp, root):
    ftp.voidcmd("TYPE I")
    ftp.size("f.bin")


def _mdtm(ftp, root):
    ftp.sendcmd("MDTM f.bin")


def _dele(ftp, root):
    ftp.delete("f.bin")


def _mkd(ftp, root):
    ftp.mkd("made")


def _rmd(ftp, root):
    ftp.rmd("dir")


def _rnfr(ftp, root):
    ftp.rename("f.bin", "g.bin")


def _rnto(ftp, root):
    ftp.rename("f.bin", "g.bin")


@pytest.mark.parametrize(
    ("command", "code", "operation"),
    [
        ("RETR", 550, _retr),
        ("STOR", 452, _stor),
        ("APPE", 550, _appe),
        ("STOU", 450, _stou),
        ("LIST", 450, _list),
        ("SIZE", 550, _size),
        ("MDTM", 550, _mdtm),
        ("DELE", 550, _dele),
        ("MKD", 550, _mkd),
        ("RMD", 550, _rmd),
        ("RNFR", 550, _rnfr),
        ("RNTO", 553, _rnto),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_reply_replaces_the_command(server, connect, command, code, operation):
    (server.root / "f.bin").write_bytes(b"original")
    (server.root / "dir").mkdir()
    before = sorted(p.name for p in server.root.iterdir())
    server.faults.reply(command, code)
    ftp = connect()
    error = ftplib.error_temp if code < 500 else ftplib.error_perm
    with pytest.raises(error, match=rf"^{code} "):
        operation(ftp, server.root)
    assert sorted(p.name for p in server.root.iterdir()) == before
    assert (server.root / "f.bin").read_bytes() == b"original"
    assert server.faults.fired() == [f"reply {command} {code}"]


def test_garbage_greeting_is_a_protocol_error(server, connect):
    server.faults.garbage()
    # (connect)    -> "hello" (no reply code)              (module error 70)
    with pytest.raises(ftplib.error_proto, match="hello"):
        connect(login=False)
    assert server.faults.fired() == ["garbage greeting"]


def test_garbage_reply_to_a_command(server, connect):
    (server.root / "f.bin").write_bytes(b"abc")
    server.faults.garbage("RETR", data=b"sure, here it comes\r\n")
    ftp = connect()
    # PASV -> 227; RETR f.bin -> "sure, here it comes" (no code)
    with pytest.raises(ftplib.error_proto, match="sure"):
        ftp.retrbinary("RETR f.bin", lambda _: None)


def test_unparsable_pasv_reply(server, connect):
    server.faults.reply("PASV", 227, "no address in here")
    ftp = connect()
    # PASV -> 227 without the (h1,h2,h3,h4,p1,p2) ftplib needs
    with pytest.raises(ftplib.error_proto):
        ftp.retrlines("LIST", lambda _: None)


def test_unexpected_code_is_a_reply_error(server, connect):
    server.faults.garbage("NOOP", data=b"150 not what NOOP answers\r\n")
    ftp = connect()
    with pytest.raises(ftplib.error_reply, match=r"^150 "):
        ftp.voidcmd("NOOP")


def test_once_rule_fires_exactly_once(server, connect):
    (server.root / "a").write_bytes(b"1")
    (server.root / "b").write_bytes(b"2")
    server.faults.reply("DELE", 550, once=True)
    ftp = connect()
    with pytest.raises(ftplib.error_perm, match=r"^550 "):
        ftp.delete("a")
    ftp.delete("a")
    ftp.delete("b")
    assert not (server.root / "a").exists() and not (server.root / "b").exists()
    assert server.faults.fired() == ["reply DELE 550"]


def test_once_rule_over_standing_rule_fires_first(server, connect):
    server.faults.reply("NOOP", 500)
    server.faults.reply("NOOP", 421, once=True)
    ftp = connect()
    with pytest.raises(ftplib.error_temp, match=r"^421 "):
        ftp.voidcmd("NOOP")
    ftp = connect()  # the 421 closed the first session
    for _ in range(2):
        with pytest.raises(ftplib.error_perm, match=r"^500 "):
            ftp.voidcmd("NOOP")
    assert server.faults.fired() == ["reply NOOP 421", "reply NOOP 500", "reply NOOP 500"]


def test_rules_reach_sessions_already_open_and_clear_restores(server, connect):
    ftp = connect()
    server.faults.reply("NOOP", 550)
    server.faults.garbage("PWD")
    with pytest.raises(ftplib.error_perm):
        ftp.voidcmd("NOOP")
    with pytest.raises(ftplib.error_proto):
        ftp.pwd()
    server.faults.clear()
    assert ftp.voidcmd("NOOP").startswith("200")
    assert ftp.pwd() == "/"
    assert server.faults.fired() == ["reply NOOP 550", "garbage PWD"]


def test_rule_names_the_command_case_insensitively(server, connect):
    server.faults.reply("noop", 502)
    ftp = connect()
    with pytest.raises(ftplib.error_perm, match=r"^502 "):
        ftp.voidcmd("NOOP")
