"""Every sample exchange of the FTP application note (sections 5.1 to 5.18), played on the emulator.

Each test narrates the note's exchange (host >, module <), with the note's
public server mapped onto the embedded one, then checks the bytes on the line
exactly and the result on the server through ftplib. Where the note and the
reference disagree, the reference and DESIGN.md decide (noted in place).
"""

import re

import pytest

from tests.support.gated_ftp import GatedFtpServer
from tests.support.rawftp import escape
from tests.support.serverview import ServerView

TEXT_50 = b"01234567890123456789012345678901234567890123456789"


def set_get_file(line, name="simftp.txt", path="/"):
    line.ok(f'AT+FTPGETNAME="{name}"')
    line.ok(f'AT+FTPGETPATH="{path}"')


def point_at(line, server):
    """Parameters for a test-made server instead of the embedded one."""
    line.ok("AT+FTPCID=0")
    line.ok(f'AT+FTPSERV="{server.host}"')
    line.ok(f"AT+FTPPORT={server.port}")
    line.ok(f'AT+FTPUN="{server.user}"')
    line.ok(f'AT+FTPPW="{server.password}"')


def wait_buffered(emu, count):
    """Until the module holds `count` unread bytes (the server's data has all arrived)."""
    import time

    deadline = time.monotonic() + 10
    while emu.call(lambda core: core.ftp.session.buffer.size if core.ftp.session else -1) < count:
        assert time.monotonic() < deadline, "the module never buffered the data"
        time.sleep(0.002)


def test_5_1_get_reads_what_is_buffered_and_ends_after_the_last_byte(emu, line):
    # > AT+FTPGET=1                 < OK  < +FTPGET: 1,1
    # > AT+FTPGET=2,1024            < +FTPGET: 2,50 <50 bytes> OK       (only 50 are there yet)
    # > AT+FTPGET=2,1024            < +FTPGET: 2,0 OK                   (none now; not the end)
    #                               < +FTPGET: 1,1                      (more came)
    # > AT+FTPGET=2,1024            < +FTPGET: 2,1024 <1024 bytes> OK  < +FTPGET: 1,0
    rest = bytes(range(256)) * 4
    with GatedFtpServer([TEXT_50, rest]) as server:
        point_at(line, server)
        set_get_file(line)
        line.ok("AT+FTPGET=1")
        line.urc("+FTPGET: 1,1")
        wait_buffered(emu, 50)
        line.command("AT+FTPGET=2,1024")
        line.expect(b"\r\n+FTPGET: 2,50\r\n" + TEXT_50 + b"\r\nOK\r\n")
        line.command("AT+FTPGET=2,1024")
        line.expect(b"\r\n+FTPGET: 2,0\r\n\r\nOK\r\n")
        server.gates[0].set()
        line.urc("+FTPGET: 1,1")
        wait_buffered(emu, 1024)
        line.command("AT+FTPGET=2,1024")
        line.expect(b"\r\n+FTPGET: 2,1024\r\n" + rest + b"\r\nOK\r\n")
        line.urc("+FTPGET: 1,0")
        line.sync()


def test_5_2_put_uploads_chunks_and_confirms_after_close(emu, session_params):
    # > AT+FTPPUTNAME="simftp.txt"  > AT+FTPPUTPATH="/"
    # > AT+FTPPUT=1                 < OK  < +FTPPUT: 1,1,1360
    # > AT+FTPPUT=2,100             < +FTPPUT: 2,100   > <100 bytes>   < OK  < +FTPPUT: 1,1,1360
    # > AT+FTPPUT=2,0               < OK  < +FTPPUT: 1,0
    line = session_params
    payload = bytes(range(100))
    line.ok('AT+FTPPUTNAME="simftp.txt"')
    line.ok('AT+FTPPUTPATH="/"')
    line.ok("AT+FTPPUT=1")
    line.urc("+FTPPUT: 1,1,1360")
    line.command("AT+FTPPUT=2,100")
    line.expect(b"\r\n+FTPPUT: 2,100\r\n")
    line.send(payload)
    line.expect(b"\r\nOK\r\n")
    line.urc("+FTPPUT: 1,1,1360")
    line.ok("AT+FTPPUT=2,0")
    line.urc("+FTPPUT: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert server.read("/simftp.txt") == payload


def test_5_3_a_server_that_never_answers_times_out_with_64(emu, line):
    # > AT+FTPGET=1                 < OK   ... nothing from the server ...   < +FTPGET: 1,64
    import socket

    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never greets
        line.ok("AT+FTPCID=0")
        line.ok('AT+FTPSERV="127.0.0.1"')
        line.ok(f"AT+FTPPORT={silent.getsockname()[1]}")
        line.ok('AT+FTPUN="u"')
        line.ok('AT+FTPPW="p"')
        set_get_file(line)
        emu.time_scale = 0.001  # the 75 s server timeout (the worker keeps a 1 s floor)
        line.ok("AT+FTPGET=1")
        line.urc("+FTPGET: 1,64")


def test_5_3_unread_data_is_announced_again_then_times_out_with_64(emu, session_params, root):
    # > AT+FTPGET=1                 < OK  < +FTPGET: 1,1
    #          (the host reads nothing)   < +FTPGET: 1,1  every 10 s ...
    #                                     < +FTPGET: 1,64 after 60 s of unread data
    # Module time runs 1000x faster here: 10 s repeats and the 60 s timeout take 10 and 60 ms.
    line = session_params
    (root / "simftp.txt").write_bytes(TEXT_50)
    set_get_file(line)
    emu.time_scale = 0.001
    line.ok("AT+FTPGET=1")
    line.expect(b"\r\n+FTPGET: 1,1\r\n" * 6 + b"\r\n+FTPGET: 1,64\r\n")
    line.command("AT+FTPGET=2,1024")  # the session is over
    line.expect(b"\r\nERROR\r\n")


def test_5_4_wrong_password_ends_with_72(session_params, root):
    # > AT+FTPPW="3214567"          < OK
    # > AT+FTPGET=1                 < OK  < +FTPGET: 1,72
    line = session_params
    (root / "simftp.txt").write_bytes(TEXT_50)
    set_get_file(line)
    line.ok('AT+FTPPW="3214567"')
    line.ok("AT+FTPGET=1")
    line.urc("+FTPGET: 1,72")


def test_5_5_empty_name_and_second_session_end_with_66(session_params):
    # > AT+FTPGET=1  (no GETNAME)   < OK  < +FTPGET: 1,66
    # > AT+FTPPUT=1                 < OK  (< +FTPPUT: 1,1,1360: the note leaves it out)
    # > AT+FTPPUT=1                 < OK  < +FTPPUT: 1,66
    line = session_params
    line.ok("AT+FTPGET=1")
    line.urc("+FTPGET: 1,66")
    line.ok('AT+FTPPUTNAME="simftp.txt"')
    line.ok("AT+FTPPUT=1")
    line.urc("+FTPPUT: 1,1,1360")
    line.ok("AT+FTPPUT=1")
    line.urc("+FTPPUT: 1,66")
    line.ok("AT+FTPPUT=2,0")  # the first session is unharmed and closes normally
    line.urc("+FTPPUT: 1,0")


def test_5_6_reads_and_writes_outside_their_session_are_errors(line):
    # > AT+FTPGET=1                 < OK
    # > AT+FTPGET=2,1000            < ERROR              (before +FTPGET: 1,1)
    #                               < +FTPGET: 1,1
    # > AT+FTPGET=2,1000            < +FTPGET: 2,50 <50 bytes> OK  < +FTPGET: 1,0
    # > AT+FTPGET=2,1000            < ERROR              (after the end)
    # > AT+FTPPUT=1                 < OK
    # > AT+FTPPUT=2,1000            < ERROR              (before +FTPPUT: 1,1,1360)
    #                               < +FTPPUT: 1,1,1360
    # > AT+FTPPUT=2,100             < +FTPPUT: 2,100 <100 bytes> OK
    # > AT+FTPPUT=2,0               < OK
    # > AT+FTPPUT=2,100             < ERROR              (after the close)
    with GatedFtpServer([b"", TEXT_50]) as server:  # nothing is sent until the gate opens
        point_at(line, server)
        set_get_file(line)
        line.ok("AT+FTPGET=1")
        line.command("AT+FTPGET=2,1000")
        line.expect(b"\r\nERROR\r\n")
        server.gates[0].set()
        line.urc("+FTPGET: 1,1")
        server.sent.wait(10)
        line.command("AT+FTPGET=2,1000")
        reply = line.until(b"\r\nOK\r\n")
        assert reply == b"\r\n+FTPGET: 2,50\r\n" + TEXT_50 + b"\r\nOK\r\n"
        line.urc("+FTPGET: 1,0")
        line.command("AT+FTPGET=2,1000")
        line.expect(b"\r\nERROR\r\n")

        line.ok('AT+FTPPUTNAME="up.bin"')
        line.ok("AT+FTPPUT=1")
        line.command("AT+FTPPUT=2,1000")
        line.expect(b"\r\nERROR\r\n")
        server.store_gate.set()
        line.urc("+FTPPUT: 1,1,1360")
        line.command("AT+FTPPUT=2,100")
        line.expect(b"\r\n+FTPPUT: 2,100\r\n")
        line.send(bytes(100))
        line.expect(b"\r\nOK\r\n")
        line.urc("+FTPPUT: 1,1,1360")
        line.ok("AT+FTPPUT=2,0")
        line.urc("+FTPPUT: 1,0")
        line.command("AT+FTPPUT=2,100")
        line.expect(b"\r\nERROR\r\n")
        assert server.received == bytes(100)


def test_5_7_rest_resumes_the_download_at_the_break_point(session_params, root):
    # > AT+FTPGET=1 ... +FTPGET: 2,29 wodeceshijieguo,zhgeshigeshia ... +FTPGET: 1,0
    # > AT+FTPREST=20               < OK
    # > AT+FTPGET=1                 < OK  < +FTPGET: 1,1
    # > AT+FTPGET=2,1024            < +FTPGET: 2,9 shigeshia OK  < +FTPGET: 1,0
    line = session_params
    text = b"wodeceshijieguo,zhgeshigeshia"
    (root / "simftp.txt").write_bytes(text)
    set_get_file(line)
    for offset in (0, 20):
        line.ok(f"AT+FTPREST={offset}")
        line.ok("AT+FTPGET=1")
        line.urc("+FTPGET: 1,1")
        line.command("AT+FTPGET=2,1024")
        tail = text[offset:]
        line.expect(b"\r\n+FTPGET: 2,%d\r\n%s\r\nOK\r\n" % (len(tail), tail))
        line.urc("+FTPGET: 1,0")
    line.command("AT+FTPREST?")  # kept until changed (DESIGN.md)
    line.expect(b"\r\n+FTPREST: 20\r\n\r\nOK\r\n")


def test_5_8_dele_removes_the_file(emu, session_params, root):
    # > AT+FTPGETNAME="simftp.txt"  > AT+FTPGETPATH="/"
    # > AT+FTPDELE=1                < OK  < +FTPDELE: 1,0     (the note's form; the manual's is AT+FTPDELE)
    line = session_params
    (root / "simftp.txt").write_bytes(TEXT_50)
    set_get_file(line)
    line.ok("AT+FTPDELE=1")
    line.urc("+FTPDELE: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert "simftp.txt" not in server.names("/")


def test_5_9_size_reports_the_bytes_on_the_server(session_params, root):
    # > AT+FTPSIZE                  < OK  < +FTPSIZE: 1,0,1024
    line = session_params
    (root / "simftp.txt").write_bytes(bytes(1024))
    set_get_file(line)
    line.ok("AT+FTPSIZE")
    line.urc("+FTPSIZE: 1,0,1024")


def test_5_10_mkd_and_rmd_act_on_the_get_path(emu, session_params):
    # > AT+FTPGETPATH="/test"       (the reference: GETPATH names the folder; the note's "/" is a slip)
    # > AT+FTPMKD                   < OK  < +FTPMKD: 1,0
    # > AT+FTPRMD                   < OK  < +FTPRMD: 1,0
    line = session_params
    line.ok('AT+FTPGETPATH="/test"')
    line.ok("AT+FTPMKD")
    line.urc("+FTPMKD: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert "test" in server.names("/")
    line.ok("AT+FTPRMD")
    line.urc("+FTPRMD: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert "test" not in server.names("/")


def test_5_11_list_a_folder_and_one_file(session_params, root):
    # > AT+FTPGETPATH="/"           > AT+FTPLIST=1   < OK  < +FTPLIST: 1,1
    # > AT+FTPLIST=2,1024           < +FTPLIST: 2,<n> <listing lines> OK  < +FTPLIST: 1,0
    # > AT+FTPGETPATH="/simftp.txt" > AT+FTPLIST=1 ... only that file's line
    line = session_params
    (root / "simftp.txt").write_bytes(TEXT_50)
    (root / "other.bin").write_bytes(b"x")
    for path, names in (("/", {b"simftp.txt", b"other.bin"}), ("/simftp.txt", {b"simftp.txt"})):
        set_get_file(line, path=path)
        line.ok("AT+FTPLIST=1")
        line.urc("+FTPLIST: 1,1")
        line.command("AT+FTPLIST=2,1024")
        header = line.until(b"\r\n", timeout=10) + line.until(b"\r\n")
        length = int(re.fullmatch(rb"\r\n\+FTPLIST: 2,(\d+)\r\n", header).group(1))
        listing = line.take(length)
        line.expect(b"\r\nOK\r\n")
        line.urc("+FTPLIST: 1,0")
        assert listing.endswith(b"\r\n")
        assert {entry.split()[-1] for entry in listing.splitlines()} == names


def test_5_12_extended_put_uploads_the_ram_buffer(emu, session_params):
    # > AT+FTPEXTPUT=1              < OK
    # > AT+FTPEXTPUT=2,0,1024,10000 < +FTPEXTPUT: 0,1024   > <1024 bytes>   < OK
    # > AT+FTPPUT=1                 < OK  < +FTPPUT: 1,0
    # > AT+FTPEXTPUT=0              < OK
    line = session_params
    payload = bytes(range(256)) * 4
    line.ok('AT+FTPPUTNAME="simftp.txt"')
    line.ok('AT+FTPPUTPATH="/"')
    line.ok("AT+FTPEXTPUT=1")
    line.command("AT+FTPEXTPUT=2,0,1024,10000")
    line.expect(b"\r\n+FTPEXTPUT: 0,1024\r\n")
    line.send(payload)
    line.expect(b"\r\nOK\r\n")
    line.ok("AT+FTPPUT=1")
    line.urc("+FTPPUT: 1,0")
    line.ok("AT+FTPEXTPUT=0")
    with ServerView.of(emu.ftp) as server:
        assert server.read("/simftp.txt") == payload


def test_5_13_extended_get_downloads_to_ram_and_reads_back(session_params, root):
    # > AT+FTPEXTGET=1              < OK
    # > AT+FTPEXTGET?               < +FTPEXTGET: 1,<bytes so far> OK
    #                               < +FTPEXTGET: 1,0
    # > AT+FTPEXTGET=3,0,174125     < +FTPEXTGET: 3,174125 <174125 bytes> OK
    # > AT+FTPEXTGET=0              < OK
    line = session_params
    content = bytes(range(256)) * 680 + b"tail!"  # 174085 bytes
    content = content + bytes(174125 - len(content))
    (root / "simftp.txt").write_bytes(content)
    set_get_file(line)
    line.ok("AT+FTPEXTGET=1")
    line.command("AT+FTPEXTGET?")
    progress = line.until(b"\r\nOK\r\n")
    # a fast local download may already have ended, its URC then comes before the answer
    match = re.fullmatch(rb"(\r\n\+FTPEXTGET: 1,0\r\n)?\r\n\+FTPEXTGET: 1,(\d+)\r\n\r\nOK\r\n", progress)
    assert match and 0 <= int(match.group(2)) <= len(content), progress
    if not match.group(1):
        line.urc("+FTPEXTGET: 1,0")
    line.command("AT+FTPEXTGET?")
    line.expect(b"\r\n+FTPEXTGET: 1,174125\r\n\r\nOK\r\n")
    line.command("AT+FTPEXTGET=3,0,174125")
    line.expect(b"\r\n+FTPEXTGET: 3,174125\r\n" + content + b"\r\nOK\r\n")
    line.ok("AT+FTPEXTGET=0")
    line.command("AT+FTPEXTGET?")
    line.expect(b"\r\n+FTPEXTGET: 0,0\r\n\r\nOK\r\n")


def test_5_14_transparent_put_takes_escaped_data_up_to_etx(emu, session_params):
    # > AT+FTPETPUT=1               < OK  < +FTPETPUT: 1,1
    # > AT+FTPETPUT=2               < OK  < +FTPETPUT: 2,1   (the note's extra OK; DESIGN.md keeps it)
    # > <escaped data> <ETX>        < OK  < +FTPETPUT: 1,0
    line = session_params
    payload = b"A\x03\x10B" + bytes(range(256))
    escaped = escape(payload)
    line.ok('AT+FTPPUTNAME="simftp.txt"')
    line.ok('AT+FTPPUTPATH="/"')
    line.ok("AT+FTPETPUT=1")
    line.urc("+FTPETPUT: 1,1")
    line.command("AT+FTPETPUT=2")
    line.expect(b"\r\nOK\r\n\r\n+FTPETPUT: 2,1\r\n")
    line.send(escaped + b"\x03")
    line.expect(b"\r\nOK\r\n")
    line.urc("+FTPETPUT: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert server.read("/simftp.txt") == payload


def test_5_15_transparent_get_streams_escaped_data_then_etx(session_params, root):
    # > AT+FTPETGET=1               < OK  < +FTPETGET: 1,1
    #                               < <escaped data> <ETX>  < +FTPETGET: 1,0
    line = session_params
    payload = b"A\x03\x10B" + bytes(range(256))
    escaped = escape(payload)
    (root / "simftp.txt").write_bytes(payload)
    set_get_file(line)
    line.ok("AT+FTPETGET=1")
    line.expect(b"\r\n+FTPETGET: 1,1\r\n" + escaped + b"\x03" + b"\r\n+FTPETGET: 1,0\r\n")
    line.sync()


def test_5_16_ftpquit_ends_the_running_session_with_80(session_params, root):
    # > AT+FTPGET=1                 < OK
    # > AT+FTPQUIT                  < OK  < +FTPGET: 1,80
    # > AT+FTPQUIT                  < ERROR   (nothing runs any more)
    line = session_params
    (root / "simftp.txt").write_bytes(TEXT_50)
    set_get_file(line)
    line.ok("AT+FTPGET=1")
    line.command("AT+FTPQUIT")
    reply = line.until(b"+FTPGET: 1,80\r\n")
    # the data may have been announced before the quit arrived
    assert reply in (b"\r\nOK\r\n\r\n+FTPGET: 1,80\r\n", b"\r\n+FTPGET: 1,1\r\n\r\nOK\r\n\r\n+FTPGET: 1,80\r\n")
    line.command("AT+FTPQUIT")
    line.expect(b"\r\nERROR\r\n")
    line.command("AT+FTPSTATE")
    line.expect(b"\r\n+FTPSTATE: 0\r\n\r\nOK\r\n")


def test_5_17_rename_from_get_name_to_put_name(emu, session_params, root):
    # > AT+FTPGETPATH="/"  > AT+FTPGETNAME="simftp.txt"  > AT+FTPPUTNAME="simftp2.txt"
    # > AT+FTPRENAME                < OK  < +FTPRENAME: 1,0
    line = session_params
    (root / "simftp.txt").write_bytes(TEXT_50)
    line.ok('AT+FTPGETPATH="/"')
    line.ok('AT+FTPGETNAME="simftp.txt"')
    line.ok('AT+FTPPUTNAME="simftp2.txt"')
    line.ok("AT+FTPRENAME")
    line.urc("+FTPRENAME: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert server.names("/") == ["simftp2.txt"]
        assert server.read("/simftp2.txt") == TEXT_50


def test_5_18_mdtm_reports_the_servers_timestamp(emu, session_params, root):
    # > AT+FTPMDTM                  < OK  < +FTPMDTM: 1,0,20140409060951
    line = session_params
    (root / "simftp.txt").write_bytes(TEXT_50)
    set_get_file(line)
    line.ok("AT+FTPMDTM")
    with ServerView.of(emu.ftp) as server:
        stamp = server.mdtm("/simftp.txt")
    assert re.fullmatch(r"\d{14}", stamp)
    line.urc(f"+FTPMDTM: 1,0,{stamp}")


@pytest.mark.parametrize("quirk, expected", [(True, b"\r\nOK\r\n\r\n+FTPETPUT: 2,1\r\n"), (False, b"\r\n+FTPETPUT: 2,1\r\n")])
def test_etput_preamble_follows_the_profile_switch(emu, session_params, quirk, expected):
    # The manual shows no OK before +FTPETPUT: 2,1, the note does: a profile switch picks.
    line = session_params
    emu.call(lambda core: setattr(core.profile.quirks, "etput_ok_before_prompt", quirk))
    line.ok('AT+FTPPUTNAME="q.bin"')
    line.ok("AT+FTPETPUT=1")
    line.urc("+FTPETPUT: 1,1")
    line.command("AT+FTPETPUT=2")
    line.expect(expected)
    line.send(b"q\x03")
    line.expect(b"\r\nOK\r\n")
    line.urc("+FTPETPUT: 1,0")
