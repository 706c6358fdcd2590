"""Every FTP error code a real server condition can produce, as the module's URC.

DESIGN.md "FtpEngine": a failure maps to the module's <error> by the step it happened in
(no bearer 61, DNS 62, connect 63, timeout 64, other server refusal 65, USER 71, PASS 72,
TYPE 73, REST 74, PASV 75, PORT 76, the command itself 77, upload 78, download 79,
FTPQUIT 80, unparsable reply 70), and a start the module refuses is 66. Each test brings
about one real condition (a closed port, a name that does not resolve, a context that is
down, a host that quits or stays silent, the embedded server misbehaving on demand through
emu.server.faults), narrates the exchange (host >, module <) and checks the bytes on the
line exactly: `+FTPxxx: 1,<code>`, and `+FTPSIZE: 1,<code>,0` for SIZE. After every
failure recovers() shows the module still answers, AT+FTPSTATE reports 0 and a GET of a
good file succeeds.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

import pytest

from emulator.ftpfaults import GREETING
from tests.ftp_engine.conftest import AN_ACCOUNT, AN_SERVER
from tests.support.rawftp import escape, read_session, tricky_payload
from tests.support.scripted_ftp import HANG_UP, ScriptedFtpServer

GOOD = b"a good file\r\n"
UPLOAD = tricky_payload(1360)  # one upload window: every byte value, ETX, DLE, "OK"
LONG = tricky_payload(10_000)  # a download long enough to be cut
CUT = 1000  # bytes of LONG that go through before the data connection is cut
ETX = b"\x03"


@dataclass(frozen=True)
class Op:
    """One FTP operation of the module, as a host starts it."""

    name: str
    start: str  # the command that starts it (answered OK; the outcome is a URC)
    prefix: str  # of its URCs
    verb: str  # the FTP command the server hears for the operation itself
    needs: str  # the parameter it cannot do without (emptied: 66)
    running: str | None = None  # the URC that shows it running; None: caught with a stall

    def __str__(self) -> str:
        return self.name

    def failed(self, code: int) -> str:
        # reference 4.4: a SIZE failure keeps its size field
        return f"{self.prefix}: 1,{code},0" if self.prefix == "+FTPSIZE" else f"{self.prefix}: 1,{code}"

    def prepare(self, line) -> None:
        """What has to happen before the start: the extended PUT loads its RAM buffer."""
        if self is EXTPUT:
            # > AT+FTPEXTPUT=1  < OK   > AT+FTPEXTPUT=2,0,1360,10000  < +FTPEXTPUT: 0,1360  > <data>  < OK
            line.ok("AT+FTPEXTPUT=1")
            line.command(f"AT+FTPEXTPUT=2,0,{len(UPLOAD)},10000")
            line.expect(b"\r\n+FTPEXTPUT: 0,%d\r\n" % len(UPLOAD))
            line.send(UPLOAD)
            line.expect(b"\r\nOK\r\n")

    def begin(self, line) -> None:
        self.prepare(line)
        line.ok(self.start)


GET_NAME, PUT_NAME, PATH = 'AT+FTPGETNAME=""', 'AT+FTPPUTNAME=""', 'AT+FTPGETPATH=""'
GET = Op("GET", "AT+FTPGET=1", "+FTPGET", "RETR", GET_NAME, running="+FTPGET: 1,1")
LIST = Op("LIST", "AT+FTPLIST=1", "+FTPLIST", "LIST", 'AT+FTPSERV=""', running="+FTPLIST: 1,1")
EXTGET = Op("EXTGET", "AT+FTPEXTGET=1", "+FTPEXTGET", "RETR", GET_NAME)
ETGET = Op("ETGET", "AT+FTPETGET=1", "+FTPETGET", "RETR", GET_NAME)
PUT = Op("PUT", "AT+FTPPUT=1", "+FTPPUT", "STOR", PUT_NAME, running="+FTPPUT: 1,1,1360")
EXTPUT = Op("EXTPUT", "AT+FTPPUT=1", "+FTPPUT", "STOR", PUT_NAME)  # AT+FTPPUT=1 after AT+FTPEXTPUT=1
ETPUT = Op("ETPUT", "AT+FTPETPUT=1", "+FTPETPUT", "STOR", PUT_NAME, running="+FTPETPUT: 1,1")
DELE = Op("DELE", "AT+FTPDELE", "+FTPDELE", "DELE", GET_NAME)
SIZE = Op("SIZE", "AT+FTPSIZE", "+FTPSIZE", "SIZE", GET_NAME)
MDTM = Op("MDTM", "AT+FTPMDTM", "+FTPMDTM", "MDTM", GET_NAME)
MKD = Op("MKD", "AT+FTPMKD", "+FTPMKD", "MKD", PATH)
RMD = Op("RMD", "AT+FTPRMD", "+FTPRMD", "RMD", PATH)
RENAME = Op("RENAME", "AT+FTPRENAME", "+FTPRENAME", "RNFR", PUT_NAME)

DOWNLOADS = [GET, LIST, EXTGET, ETGET]
UPLOADS = [PUT, EXTPUT, ETPUT]
TRANSFERS = DOWNLOADS + UPLOADS  # the operations with a data connection (PASV / PORT)
ALL = TRANSFERS + [DELE, SIZE, MDTM, MKD, RMD, RENAME]

# What recovers() sets back: the application note's block, passive, binary, no offset.
GOOD_PARAMETERS = (
    "AT+FTPCID=0",
    f'AT+FTPSERV="{AN_SERVER}"',
    "AT+FTPPORT=21",
    f'AT+FTPUN="{AN_ACCOUNT}"',
    f'AT+FTPPW="{AN_ACCOUNT}"',
    "AT+FTPMODE=1",
    'AT+FTPTYPE="I"',
    "AT+FTPREST=0",
    'AT+FTPGETPATH="/"',
    'AT+FTPGETNAME="good.txt"',
)


def urc(text: str) -> bytes:
    return b"\r\n" + text.encode() + b"\r\n"


def ops(*chosen: Op):
    return pytest.mark.parametrize("op", chosen, ids=str)


def cases(argnames: str, table: list[tuple]):
    """Parametrize from a table whose rows start with the test id."""
    return pytest.mark.parametrize(argnames, [row[1:] for row in table], ids=[row[0] for row in table])


def expect_state(line, busy: int) -> None:
    line.command("AT+FTPSTATE")
    line.expect(b"\r\n+FTPSTATE: %d\r\n\r\nOK\r\n" % busy)


def closed_port() -> int:
    """A port nothing listens on: bound, then closed again."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


def dial(line, host: str, port: int, user: str = "u", password: str = "p") -> None:
    line.ok(f'AT+FTPSERV="{host}"')
    line.ok(f"AT+FTPPORT={port}")
    line.ok(f'AT+FTPUN="{user}"')
    line.ok(f'AT+FTPPW="{password}"')


def recovers(emu, line, root) -> None:
    """After a failure: the module answers, nothing runs, a GET of a good file succeeds."""
    emu.server.faults.clear()
    emu.time_scale = 1.0
    line.sync()
    expect_state(line, 0)
    for command in GOOD_PARAMETERS:
        line.ok(command)
    line.ok("AT+FTPGET=1")
    line.urc("+FTPGET: 1,1")
    assert read_session(line) == GOOD
    assert (root / "good.txt").read_bytes() == GOOD  # whatever failed did not touch it


def catch_running(emu, line, op: Op) -> None:
    """Start `op` and return while it runs, its worker mid-way through the server exchange."""
    faults = emu.server.faults
    if op.running is None:
        # > AT+FTPxxx  < OK      (the server holds the operation's command unanswered)
        faults.stall(60, op.verb, once=True)
        op.begin(line)
        assert faults.wait_fired(), "the operation's command never reached the server"
    else:
        # < +FTPGET: 1,1 with the rest of the file still on its way at 1 byte/s
        faults.throttle(1)
        op.begin(line)
        line.urc(op.running)
    expect_state(line, 1)


@pytest.fixture
def ready(session_params, root):
    """The application note's parameter block; a good file; every name and path set."""
    line = session_params
    (root / "good.txt").write_bytes(GOOD)
    (root / "long.bin").write_bytes(LONG)
    (root / "box").mkdir()
    (root / "box" / "inside.txt").write_bytes(b"keeps the folder busy")
    for command in ('AT+FTPGETPATH="/"', 'AT+FTPGETNAME="good.txt"', 'AT+FTPPUTPATH="/"', 'AT+FTPPUTNAME="new.bin"'):
        line.ok(command)
    return line


def tree(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


# -- any operation: the login steps ---------------------------------------------------------


def _cid_down(emu, line):
    line.ok("AT+FTPCID=1")  # context 1 was never activated (AT+CNACT=1,1)


def _no_such_host(emu, line):
    line.ok('AT+FTPSERV="no-such-host.invalid"')  # RFC 6761: never resolves


def _nobody_listens(emu, line):
    dial(line, "127.0.0.1", closed_port())


def _wrong_password(emu, line):
    line.ok('AT+FTPPW="3214567"')  # a real 530 from the server (AN 5.4)


def _fault(knob: str, *args):
    """A condition that sets one of the embedded server's faults."""
    return lambda emu, line: getattr(emu.server.faults, knob)(*args)


LOGIN_FAILURES = [
    # id, code, condition, what the server's faults record
    ("inactive-cid", 61, _cid_down, []),
    ("unresolvable-name", 62, _no_such_host, []),
    ("closed-port", 63, _nobody_listens, []),
    ("greeting-421", 65, _fault("reply", GREETING, 421), ["reply greeting 421"]),
    ("garbage-greeting", 70, _fault("garbage", GREETING), ["garbage greeting"]),
    ("garbage-to-USER", 70, _fault("garbage", "USER"), ["garbage USER"]),
    ("USER-530", 71, _fault("reply", "USER", 530), ["reply USER 530"]),
    ("wrong-password", 72, _wrong_password, []),
    ("refuse-login", 72, _fault("refuse_login"), ["refuse_login"]),
    ("TYPE-504", 73, _fault("reply", "TYPE", 504), ["reply TYPE 504"]),
]


@cases("code, condition, fired", LOGIN_FAILURES)
@ops(*ALL)
def test_a_failure_at_login_ends_any_operation_with_the_code_of_its_step(emu, ready, root, op, code, condition, fired):
    # > (the condition: AT+FTPCID=1, AT+FTPSERV="no-such-host.invalid", a closed port, or the
    #    server greeting with 421 / garbage, rejecting USER, PASS or TYPE)
    # > AT+FTPxxx                   < OK  < +FTPxxx: 1,<code>        (+FTPSIZE: 1,<code>,0)
    line = ready
    condition(emu, line)
    op.begin(line)
    line.urc(op.failed(code))
    assert emu.server.faults.fired() == fired
    assert "new.bin" not in tree(root)  # nothing was uploaded, renamed or created
    recovers(emu, line, root)


# -- 61: the bearer goes down under a running operation; 80: the host quits it ---------------


@pytest.mark.parametrize("interrupt", ["AT+FTPQUIT", "AT+CNACT=0,0"])
@ops(*ALL)
def test_a_running_operation_ends_with_80_on_quit_and_61_when_its_bearer_goes(emu, ready, root, op, interrupt):
    # > AT+FTPxxx                   < OK  (< +FTPGET: 1,1 / +FTPPUT: 1,1,1360 / ... , the
    #                                       transfer or the server's answer still pending)
    # > AT+FTPSTATE                 < +FTPSTATE: 1  < OK
    # > AT+FTPQUIT                  < OK  < +FTPxxx: 1,80
    # > AT+CNACT=0,0                < OK  < +APP PDP: 0,DEACTIVE  < +FTPxxx: 1,61
    line = ready
    catch_running(emu, line, op)
    workers = emu.engine.runners()
    assert len(workers) == 1
    line.command(interrupt)
    if interrupt == "AT+FTPQUIT":
        line.expect(b"\r\nOK\r\n" + urc(op.failed(80)))
    else:
        line.expect(b"\r\nOK\r\n" + urc("+APP PDP: 0,DEACTIVE") + urc(op.failed(61)))
        line.ok("AT+CNACT=0,1")
        line.urc("+APP PDP: 0,ACTIVE")
    workers[0].thread.join(5)
    assert not workers[0].thread.is_alive(), "the session's worker kept running"
    recovers(emu, line, root)


# -- 66: a start the module refuses -----------------------------------------------------------


@ops(*ALL)
def test_a_missing_parameter_ends_with_66(emu, ready, root, op):
    # > AT+FTPGETNAME=""  (or PUTNAME, GETPATH, SERV: what the operation needs)
    # > AT+FTPxxx                   < OK  < +FTPxxx: 1,66      (AN 5.5)
    line = ready
    line.ok(op.needs)
    op.begin(line)
    line.urc(op.failed(66))
    recovers(emu, line, root)


@ops(*ALL)
def test_a_second_operation_while_one_runs_ends_with_66_and_leaves_the_first_alone(emu, ready, root, op):
    # > AT+FTPGET=1                 < OK  < +FTPGET: 1,1
    # > AT+FTPxxx                   < OK  < +FTPxxx: 1,66      (AN 5.5)
    # > AT+FTPGET=2,1460 ...        the first session delivers the whole file  < +FTPGET: 1,0
    line = ready
    op.prepare(line)  # an extended PUT loads its buffer while the module is idle
    line.ok("AT+FTPGET=1")
    line.urc("+FTPGET: 1,1")
    line.ok(op.start)
    line.urc(op.failed(66))
    assert read_session(line) == GOOD
    recovers(emu, line, root)


# -- 64: the host leaves the session idle, or the server stops answering -----------------------


@ops(GET, LIST, PUT, ETPUT)
def test_an_idle_session_times_out_with_64(emu, ready, root, op):
    # > AT+FTPGET=1                 < OK  < +FTPGET: 1,1     ... the host reads nothing ...
    #                                     < +FTPGET: 1,64    60 module seconds later
    # (PUT / ETPUT: < +FTPPUT: 1,1,1360 / +FTPETPUT: 1,1, then the host sends nothing)
    # Module time runs 1000x faster; the repeated 1,1 is pushed out of the way.
    line = ready
    emu.call(lambda core: setattr(core.profile.timings, "data_urc_repeat", 1e6))
    emu.time_scale = 0.001
    op.begin(line)
    line.expect(urc(op.running) + urc(op.failed(64)))
    recovers(emu, line, root)


SILENT_SERVER = [
    # id, op, the command the server stops answering (GREETING: it never greets)
    ("GET-greeting", GET, GREETING),
    ("SIZE-PASS", SIZE, "PASS"),
    ("LIST-PASV", LIST, "PASV"),
    ("ETGET-RETR", ETGET, "RETR"),
    ("PUT-STOR", PUT, "STOR"),
    ("RENAME-RNTO", RENAME, "RNTO"),
]


@cases("op, command", SILENT_SERVER)
def test_a_server_that_stops_answering_times_out_with_64(emu, ready, root, op, command):
    # > AT+FTPxxx                   < OK   ... the server says nothing for 75 module seconds ...
    #                                     < +FTPxxx: 1,64
    # 75 module seconds are 75 ms here; the worker's socket timeout keeps its 1 s real floor.
    line = ready
    emu.server.faults.stall(30, command, once=True)
    emu.time_scale = 0.001
    op.begin(line)
    line.urc(op.failed(64))
    assert emu.server.faults.fired() == [f"stall {command or 'greeting'} 30s"]
    recovers(emu, line, root)


# -- 65: the server refuses or breaks off --------------------------------------------------------


HANG_UPS = [
    # id, where the server hangs up (None: before its greeting), the commands it heard by then
    ("at-once", None, []),
    ("at-USER", "USER", ["USER"]),
    ("at-TYPE", "TYPE", ["USER", "PASS", "TYPE"]),
]


@cases("where, heard", HANG_UPS)
@ops(GET, PUT, SIZE)
def test_a_server_that_hangs_up_ends_with_65(emu, line, root, op, where, heard):
    # > AT+FTPxxx                   < OK    (the server accepts, then closes the control
    #                                        connection: before its greeting, at USER, at TYPE)
    #                               < +FTPxxx: 1,65
    (root / "good.txt").write_bytes(GOOD)
    with ScriptedFtpServer(**{where or "greeting": HANG_UP}) as server:
        line.ok("AT+FTPCID=0")
        dial(line, server.host, server.port, server.user, server.password)
        for command in ('AT+FTPGETNAME="good.txt"', 'AT+FTPPUTNAME="new.bin"'):
            line.ok(command)
        op.begin(line)
        line.urc(op.failed(65))
        assert server.hung_up.is_set()
        assert server.heard == heard
    recovers(emu, line, root)


@ops(GET, SIZE)
def test_an_unexpected_reply_class_ends_with_65(emu, ready, root, op):
    # > AT+FTPxxx                   < OK    (the server answers PASS with 332, "need account")
    #                               < +FTPxxx: 1,65
    line = ready
    emu.server.faults.reply("PASS", 332)
    op.begin(line)
    line.urc(op.failed(65))
    assert emu.server.faults.fired() == ["reply PASS 332"]
    recovers(emu, line, root)


# -- 70: a reply no FTP client can parse -----------------------------------------------------------


UNPARSABLE = [
    # id, op, condition, what fired
    ("PASS-garbage", GET, _fault("garbage", "PASS"), "garbage PASS"),
    ("PASV-227-no-address", LIST, _fault("reply", "PASV", 227, "no address here"), "reply PASV 227"),
    ("RETR-garbage", GET, _fault("garbage", "RETR", False, b"\xff\xfe\r\n"), "garbage RETR"),
    ("SIZE-213-words", SIZE, _fault("reply", "SIZE", 213, "many"), "reply SIZE 213"),
    ("MDTM-213-words", MDTM, _fault("reply", "MDTM", 213, "yesterday"), "reply MDTM 213"),
]


@cases("op, condition, fired", UNPARSABLE)
def test_an_unparsable_reply_to_a_later_step_ends_with_70(emu, ready, root, op, condition, fired):
    # > AT+FTPxxx                   < OK    (PASS answered "hello", PASV 227 without an
    #                                        address, RETR with bytes, SIZE/MDTM 213 with words)
    #                               < +FTPxxx: 1,70
    line = ready
    condition(emu, line)
    op.begin(line)
    line.urc(op.failed(70))
    assert emu.server.faults.fired() == [fired]
    recovers(emu, line, root)


# -- 74 REST, 75 PASV, 76 PORT rejected ---------------------------------------------------------


@ops(GET, EXTGET, ETGET)
def test_rest_rejected_ends_with_74(emu, ready, root, op):
    # > AT+FTPREST=5                < OK
    # > AT+FTPGET=1                 < OK    (the server answers REST 5 with 502)
    #                               < +FTPGET: 1,74
    line = ready
    line.ok("AT+FTPREST=5")
    emu.server.faults.reply("REST", 502)
    op.begin(line)
    line.urc(op.failed(74))
    assert emu.server.faults.fired() == ["reply REST 502"]
    recovers(emu, line, root)


DATA_CHANNEL_REFUSED = [
    # id, AT+FTPMODE, command, reply code, module code
    ("PASV-421", 1, "PASV", 421, 75),
    ("PASV-502", 1, "PASV", 502, 75),
    ("PORT-500", 0, "PORT", 500, 76),
]


@cases("mode, command, reply, code", DATA_CHANNEL_REFUSED)
@ops(*TRANSFERS)
def test_a_refused_data_channel_ends_with_75_passive_or_76_active(emu, ready, root, op, mode, command, reply, code):
    # > AT+FTPMODE=1 (passive)      > AT+FTPxxx  < OK   (PASV answered 421 or 502)  < +FTPxxx: 1,75
    # > AT+FTPMODE=0 (active)       > AT+FTPxxx  < OK   (PORT answered 500)         < +FTPxxx: 1,76
    line = ready
    line.ok(f"AT+FTPMODE={mode}")
    emu.server.faults.reply(command, reply)
    op.begin(line)
    line.urc(op.failed(code))
    assert emu.server.faults.fired() == [f"reply {command} {reply}"]
    recovers(emu, line, root)


# -- 77: the operation itself fails on the server --------------------------------------------------


OPERATION_FAILS = [
    # id, op, parameters that make the server answer the command with 550
    ("GET-missing-file", GET, ['AT+FTPGETNAME="missing.txt"']),
    ("GET-missing-file-active", GET, ["AT+FTPMODE=0", 'AT+FTPGETNAME="missing.txt"']),
    ("EXTGET-missing-file", EXTGET, ['AT+FTPGETNAME="missing.txt"']),
    ("ETGET-missing-file", ETGET, ['AT+FTPGETNAME="missing.txt"']),
    ("LIST-missing-folder", LIST, ['AT+FTPGETPATH="/missing"']),
    ("PUT-missing-folder", PUT, ['AT+FTPPUTPATH="/missing"']),
    ("EXTPUT-missing-folder", EXTPUT, ['AT+FTPPUTPATH="/missing"']),
    ("ETPUT-missing-folder", ETPUT, ['AT+FTPPUTPATH="/missing"']),
    ("SIZE-missing-file", SIZE, ['AT+FTPGETNAME="missing.txt"']),
    ("MDTM-missing-file", MDTM, ['AT+FTPGETNAME="missing.txt"']),
    ("DELE-missing-file", DELE, ['AT+FTPGETNAME="missing.txt"']),
    ("RENAME-missing-file", RENAME, ['AT+FTPGETNAME="missing.txt"']),
    ("RENAME-to-missing-folder", RENAME, ['AT+FTPPUTPATH="/missing"']),  # RNFR 350, RNTO 550
    ("MKD-existing-folder", MKD, ['AT+FTPGETPATH="/box"']),
    ("RMD-folder-not-empty", RMD, ['AT+FTPGETPATH="/box"']),
    ("RMD-missing-folder", RMD, ['AT+FTPGETPATH="/missing"']),
]


@cases("op, parameters", OPERATION_FAILS)
def test_an_operation_the_server_refuses_ends_with_77(emu, ready, root, op, parameters):
    # > AT+FTPGETNAME="missing.txt" (or a missing folder, a folder that exists or is not empty)
    # > AT+FTPxxx                   < OK    (RETR, LIST, STOR, SIZE, MDTM, DELE, RNFR, RNTO,
    #                                        MKD, RMD answered 550 by the real server)
    #                               < +FTPxxx: 1,77
    line = ready
    before = tree(root)
    for command in parameters:
        line.ok(command)
    op.begin(line)
    line.urc(op.failed(77))
    assert emu.server.faults.fired() == []  # the server's own refusal, no fault
    assert tree(root) == before
    recovers(emu, line, root)


# -- 78 / 79: the data connection is cut mid-transfer ----------------------------------------------


@ops(*UPLOADS)
def test_an_upload_whose_data_connection_is_cut_ends_with_78(emu, ready, root, op):
    # The server stores all but the last byte, resets the data connection and says 426.
    line = ready
    faults = emu.server.faults
    faults.cut_data(len(UPLOAD) - 1, once=True)
    op.begin(line)
    if op is PUT:
        # < +FTPPUT: 1,1,1360
        # > AT+FTPPUT=2,1360            < +FTPPUT: 2,1360  > <1360 bytes>  < OK  < +FTPPUT: 1,1,1360
        #   (the server cuts the data connection)
        # > AT+FTPPUT=2,0               < OK  < +FTPPUT: 1,78
        line.urc(op.running)
        line.command(f"AT+FTPPUT=2,{len(UPLOAD)}")
        line.expect(b"\r\n+FTPPUT: 2,%d\r\n" % len(UPLOAD))
        line.send(UPLOAD)
        line.expect(b"\r\nOK\r\n" + urc(op.running))
        assert faults.wait_fired(), "the data connection was never cut"
        line.command("AT+FTPPUT=2,0")
    elif op is ETPUT:
        # < +FTPETPUT: 1,1
        # > AT+FTPETPUT=2               < OK  < +FTPETPUT: 2,1
        # > <escaped data> ETX          < OK  < +FTPETPUT: 1,78
        line.urc(op.running)
        line.command("AT+FTPETPUT=2")
        line.expect(b"\r\nOK\r\n" + urc("+FTPETPUT: 2,1"))
        line.send(escape(UPLOAD) + ETX)
    # EXTPUT: the whole RAM buffer goes at once   < +FTPPUT: 1,78 (no OK of its own)
    line.expect((b"" if op is EXTPUT else b"\r\nOK\r\n") + urc(op.failed(78)))
    assert faults.fired() == [f"cut_data after {len(UPLOAD) - 1} bytes (STOR)"]
    assert (root / "new.bin").read_bytes() == UPLOAD[:-1]  # what the server stored before the cut
    recovers(emu, line, root)


@ops(*DOWNLOADS)
def test_a_download_whose_data_connection_is_cut_ends_with_79(emu, ready, root, op):
    # The server sends 1000 bytes, closes the data connection without 226 and says 426.
    # GET / LIST: < +FTPGET: 1,1  < +FTPGET: 1,79   (the buffered part is dropped: a read is ERROR)
    # EXTGET:     < +FTPEXTGET: 1,79
    # ETGET:      < +FTPETGET: 1,1  <the 1000 bytes, escaped> ETX  < +FTPETGET: 1,79
    line = ready
    faults = emu.server.faults
    if op is LIST:
        for index in range(40):  # a listing well over the cut
            (root / f"entry-{index:02}.txt").write_bytes(b"")
    else:
        line.ok('AT+FTPGETNAME="long.bin"')
    faults.cut_data(CUT, once=True)
    op.begin(line)
    if op is ETGET:
        line.expect(urc("+FTPETGET: 1,1") + escape(LONG[:CUT]) + ETX + urc(op.failed(79)))
    elif op is EXTGET:
        line.urc(op.failed(79))
    else:
        line.expect(urc(op.running) + urc(op.failed(79)))
        line.command(f"AT{op.prefix}=2,1460")
        line.expect(b"\r\nERROR\r\n")
    assert faults.fired() == [f"cut_data after {CUT} bytes ({op.verb})"]
    recovers(emu, line, root)
