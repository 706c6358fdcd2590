"""Single-shot operations (SIZE, DELE, MKD, RMD, RENAME, MDTM), state and quit."""

from datetime import timedelta

import pytest

from driver import AtError, FtpError


def test_size(ftp, remote):
    assert ftp.size(remote.seed("s.bin", bytes(12345))) == 12345


def test_delete(ftp, remote):
    path = remote.seed("gone.bin", b"x")
    ftp.delete(path)
    assert not remote.exists("gone.bin")


def test_mkdir_and_rmdir(ftp, remote):
    ftp.mkdir(remote.file("new"))
    assert remote.exists("new")
    ftp.rmdir(remote.file("new"))
    assert not remote.exists("new")


def test_rename(ftp, remote):
    remote.seed("old.bin", b"content")
    ftp.rename(remote.file("old.bin"), remote.file("new.bin"))
    assert remote.names() == ["new.bin"]
    assert remote.read("new.bin") == b"content"


def test_mdtm_matches_the_servers_own(ftp, remote):
    path = remote.seed("m.bin", b"x")
    assert abs(ftp.mdtm(path) - remote.mdtm("m.bin")) < timedelta(seconds=1)


def test_busy_while_a_session_runs_and_quit_ends_it(modem, ftp, remote):
    # > AT+FTPGET=1 (opened by hand, nothing read)  > AT+FTPSTATE  < +FTPSTATE: 1
    # > AT+FTPQUIT  < OK  < +FTPGET: 1,80           > AT+FTPSTATE  < +FTPSTATE: 0
    path = remote.seed("q.bin", bytes(100000))
    assert ftp.size(path) == 100000  # the driver has now sent the session parameters
    assert ftp.busy() is False
    with modem.channel.subscribe("+FTPGET:") as urcs:
        modem.command(f'AT+FTPGETPATH="{remote.path}/"')
        modem.command('AT+FTPGETNAME="q.bin"')
        modem.command("AT+FTPGET=1")
        assert ftp.busy() is True
        assert ftp.quit() is True
        texts = [urcs.wait(30).text]
        while texts[-1] != "+FTPGET: 1,80":
            texts.append(urcs.wait(30).text)
    assert set(texts[:-1]) <= {"+FTPGET: 1,1"}
    assert ftp.busy() is False
    assert ftp.quit() is False  # nothing to quit: the module answers ERROR, the driver says so
    assert ftp.get(path) == bytes(100000)  # and the next session is fine


def test_a_failed_operation_leaves_the_client_usable(ftp, remote):
    with pytest.raises(FtpError):
        ftp.size(remote.file("missing.bin"))
    assert ftp.size(remote.seed("here.bin", b"12")) == 2


def test_reads_outside_a_session_are_refused_by_the_module(modem):
    # > AT+FTPGET=2,1460 with no session   < ERROR (AN 5.6)
    with pytest.raises(AtError) as failure:
        modem.command("AT+FTPGET=2,1460")
    assert "AT+FTPGET=2,1460" in str(failure.value)
