"""Single-shot FTP operations, state, quitting, parameter caching and path checks, scripted."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from driver import AtTimeout, FtpFileError, FtpQuitError, FtpSettings, ProtocolError, SimNotReady

from .ftp_script import AN_SETTINGS, ERROR, OK, block, get_file, ok, put_file, session_parameters, urc
from .pty_module import Step


def test_size(script, modem):
    # AT+FTPSIZE -> OK, +FTPSIZE: 1,0,1024   (AN 5.9)
    script.add(
        *session_parameters(), *get_file(b"/", b"simftp.txt"), ok(b"AT+FTPSIZE", urc(b"+FTPSIZE: 1,0,1024"))
    )
    assert modem.ftp(AN_SETTINGS).size("/simftp.txt") == 1024


def test_size_of_a_missing_file(script, modem):
    # AT+FTPSIZE -> OK, +FTPSIZE: 1,77,0   (failure keeps a trailing 0)
    script.add(*session_parameters(), *get_file(b"/", b"none"), ok(b"AT+FTPSIZE", urc(b"+FTPSIZE: 1,77,0")))
    with pytest.raises(FtpFileError) as caught:
        modem.ftp(AN_SETTINGS).size("/none")
    assert caught.value.operation == "size /none"


def test_only_changed_parameters_are_sent_again(script, modem):
    # first DELE sends everything; the second, on another file of the same directory,
    # only the name; the third, with other settings, only what differs
    other = FtpSettings(host="112.74.93.163", user="simcomtest", password="simcomtest", passive=False)
    script.add(
        *session_parameters(),
        *get_file(b"/d/", b"a.bin"),
        ok(b"AT+FTPDELE", urc(b"+FTPDELE: 1,0")),
        ok(b'AT+FTPGETNAME="b.bin"'),
        ok(b"AT+FTPDELE", urc(b"+FTPDELE: 1,0")),
        ok(b"AT+FTPMODE=0"),
        ok(b"AT+FTPDELE", urc(b"+FTPDELE: 1,0")),
    )
    modem.ftp(AN_SETTINGS).delete("/d/a.bin")
    modem.ftp(AN_SETTINGS).delete("/d/b.bin")
    modem.ftp(other).delete("/d/b.bin")


def test_mkdir_and_rmdir_use_the_get_path_only(script, modem):
    # AT+FTPGETPATH="/test"; AT+FTPMKD -> OK, +FTPMKD: 1,0; AT+FTPRMD -> OK, +FTPRMD: 1,0   (AN 5.10)
    script.add(
        *session_parameters(),
        ok(b'AT+FTPGETPATH="/test"'),
        ok(b"AT+FTPMKD", urc(b"+FTPMKD: 1,0")),
        ok(b"AT+FTPRMD", urc(b"+FTPRMD: 1,0")),
    )
    ftp = modem.ftp(AN_SETTINGS)
    ftp.mkdir("/test")
    ftp.rmdir("/test")


def test_rename(script, modem):
    # old name in GETPATH + GETNAME, new in PUTPATH + PUTNAME; AT+FTPRENAME -> OK, +FTPRENAME: 1,0
    script.add(
        *session_parameters(),
        *get_file(b"/", b"simftp.txt"),
        *put_file(b"/", b"simftp2.txt"),
        ok(b"AT+FTPRENAME", urc(b"+FTPRENAME: 1,0")),
    )
    modem.ftp(AN_SETTINGS).rename("/simftp.txt", "/simftp2.txt")


def test_mdtm(script, modem):
    # AT+FTPMDTM -> OK, +FTPMDTM: 1,0,20140409060951   (AN 5.18)
    script.add(
        *session_parameters(),
        *get_file(b"/", b"simftp.txt"),
        ok(b"AT+FTPMDTM", urc(b"+FTPMDTM: 1,0,20140409060951")),
    )
    assert modem.ftp(AN_SETTINGS).mdtm("/simftp.txt") == datetime(2014, 4, 9, 6, 9, 51, tzinfo=UTC)


def test_mdtm_without_a_time(script, modem):
    script.add(*session_parameters(), *get_file(b"/", b"x"), ok(b"AT+FTPMDTM", urc(b"+FTPMDTM: 1,0,")))
    with pytest.raises(ProtocolError):
        modem.ftp(AN_SETTINGS).mdtm("/x")


def test_busy(script, modem):
    # AT+FTPSTATE -> +FTPSTATE: 1 / OK   (M105 15.2.18)
    script.add(
        Step(b"AT+FTPSTATE", b"\r\n+FTPSTATE: 1\r\n" + OK), Step(b"AT+FTPSTATE", b"\r\n+FTPSTATE: 0\r\n" + OK)
    )
    ftp = modem.ftp(AN_SETTINGS)
    assert ftp.busy() is True
    assert ftp.busy() is False


def test_quit_while_idle_is_refused(script, modem):
    # AT+FTPQUIT while no session runs -> ERROR   (M105 15.2.26)
    script.add(Step(b"AT+FTPQUIT", ERROR))
    assert modem.ftp(AN_SETTINGS).quit() is False


def test_quit_from_another_thread_ends_a_download(script, modem):
    # thread 1:  AT+FTPGET=1 -> OK, +FTPGET: 1,1;  AT+FTPGET=2,1460 -> 100 bytes
    # thread 2, while thread 1 holds the FTP lock:  AT+FTPQUIT -> OK, +FTPGET: 1,80   (AN 5.16)
    script.add(
        *session_parameters(),
        *get_file(b"/", b"simftp.txt"),
        ok(b"AT+FTPREST=0"),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,100", bytes(100))),
        ok(b"AT+FTPQUIT", urc(b"+FTPGET: 1,80")),
    )
    ftp = modem.ftp(AN_SETTINGS)
    quitted = []

    def quit_from_elsewhere(received: int) -> None:
        # runs in the downloading thread; the other thread must not need its FTP lock
        other = threading.Thread(target=lambda: quitted.append(ftp.quit()))
        other.start()
        other.join(5)

    with pytest.raises(FtpQuitError) as caught:
        ftp.get("/simftp.txt", progress=quit_from_elsewhere)
    assert quitted == [True]
    assert caught.value.code == 80 and caught.value.transferred == 100


@pytest.mark.parametrize(
    "path",
    ["/" + "n" * 65, "/" + "d" * 255 + "/f.bin", '/a"b.bin', "/dir/", "/a\r\nAT+CFUN=0"],
    ids=["long-name", "long-path", "quote", "no-name", "line-break"],
)
def test_bad_paths_fail_before_anything_is_sent(script, module, modem, path):
    ftp = modem.ftp(AN_SETTINGS)
    sent_before = list(module.lines)
    for call in (ftp.get, ftp.size, ftp.delete, lambda p: ftp.put(p, b"x"), lambda p: ftp.rename(p, "/ok")):
        with pytest.raises(ValueError):
            call(path)
    script.add(ok(b"AT"))
    modem.command("AT")  # once its answer is back, anything sent before would have been seen
    assert module.lines == [*sent_before, b"AT"]


def test_longest_allowed_names(script, modem):
    name, directory = "n" * 64, "/" + "d" * 253 + "/"
    script.add(
        *session_parameters(),
        *get_file(directory.encode(), name.encode()),
        ok(b"AT+FTPDELE", urc(b"+FTPDELE: 1,0")),
    )
    modem.ftp(AN_SETTINGS).delete(directory + name)


def test_settings_are_checked_when_made():
    with pytest.raises(ValueError):
        FtpSettings(host="h" * 50)
    with pytest.raises(ValueError):
        FtpSettings(host="h", password='p"w')
    with pytest.raises(ValueError):
        FtpSettings(host="h", cid=4)
    assert "secret" not in repr(FtpSettings(host="h", password="secret"))


def test_a_module_reset_brings_back_echo_off_the_bearer_and_all_parameters(script, module, modem):
    # the module reboots between two operations: RDY, +CFUN: 1, +CPIN: READY, SMS Ready;
    # it forgot ATE0, AT+CMEE=2 and every FTP parameter
    script.add(*session_parameters(), *get_file(b"/", b"a"), ok(b"AT+FTPDELE", urc(b"+FTPDELE: 1,0")))
    ftp = modem.ftp(AN_SETTINGS)
    ftp.delete("/a")
    with modem.channel.subscribe("SMS Ready") as booted:
        module.write(urc(b"RDY") + urc(b"+CFUN: 1") + urc(b"+CPIN: READY") + urc(b"SMS Ready"))
        booted.wait(5)
    inactive = b"".join(urc(b'+CNACT: %d,0,"0.0.0.0"' % i) for i in range(4))
    active = urc(b'+CNACT: 0,1,"10.94.36.44"') + b"".join(urc(b'+CNACT: %d,0,"0.0.0.0"' % i) for i in (1, 2, 3))
    script.add(
        ok(b"ATE0"),
        ok(b"AT+CMEE=2"),
        # the reboot took the bearer with it: the driver brings it back before the operation
        Step(b"AT+CNACT?", inactive + OK),
        ok(b"AT+CNACT=0,1", urc(b"+APP PDP: 0,ACTIVE")),
        Step(b"AT+CNACT?", active + OK),
        *session_parameters(),
        *get_file(b"/", b"a"),
        ok(b"AT+FTPDELE", urc(b"+FTPDELE: 1,0")),
    )
    ftp.delete("/a")
    assert modem.resets_seen >= 1
    assert modem.channel.unconsumed() == []


def test_a_session_urc_that_never_comes_times_out_with_the_story(script, modem):
    # AT+FTPDELE -> OK, and then nothing: the module never reports +FTPDELE: 1,<x>
    modem.channel.timeouts = replace(modem.channel.timeouts, ftp_session=0.3)
    script.add(
        *session_parameters(),
        *get_file(b"/", b"a"),
        ok(b"AT+FTPDELE"),
        # the driver gives the session up: AT+FTPQUIT ends it on the module, with its URC
        ok(b"AT+FTPQUIT", urc(b"+FTPDELE: 1,80")),
    )
    with pytest.raises(AtTimeout) as caught:
        modem.ftp(AN_SETTINGS).delete("/a")
    assert caught.value.command == "AT+FTPDELE"
    assert "+FTPDELE: 1,<status>" in str(caught.value) and "\\r\\nOK\\r" in str(caught.value)


def test_initialize_needs_a_ready_sim(script, modem):
    # AT+CGMR / AT+CGMM / AT+CGSN as a real module; AT+CPIN? -> +CPIN: SIM PIN
    script.add(
        Step(b"AT+CGMR", urc(b"Revision:1951B16SIM7080") + OK),
        Step(b"AT+CGMM", urc(b"SIMCOM_SIM7080") + OK),
        Step(b"AT+CGSN", urc(b"869951030006302") + OK),
        Step(b"AT+CPIN?", urc(b"+CPIN: SIM PIN") + OK),
    )
    with pytest.raises(SimNotReady) as caught:
        modem.initialize()
    assert caught.value.state == "SIM PIN"
