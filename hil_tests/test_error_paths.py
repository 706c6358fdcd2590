"""Failures both targets produce, each raising its documented typed exception."""

import socket

import pytest

from driver import (
    AtError,
    FtpAuthenticationError,
    FtpConnectionError,
    FtpFileError,
    FtpNotAllowedError,
    FtpSettings,
)


def client(modem, account, options, **changes):
    settings = dict(host=account.module_host, port=account.module_port, user=account.user,
                    password=account.password, cid=options.cid)  # fmt: skip
    settings.update(changes)
    return modem.ftp(FtpSettings(**settings))


def test_wrong_password_is_an_authentication_error(modem, ftp_account, hil_options, remote):
    path = remote.seed("f.bin", b"x")
    with pytest.raises(FtpAuthenticationError) as failure:
        client(modem, ftp_account, hil_options, password="not-the-password").get(path)
    assert failure.value.code == 72 and failure.value.operation.startswith("get")


@pytest.mark.parametrize("operation", ["get", "size", "delete", "mdtm", "get_extended", "get_transparent"])
def test_a_missing_file_is_a_file_error(ftp, remote, operation):
    with pytest.raises(FtpFileError) as failure:
        getattr(ftp, operation)(remote.file("missing.bin"))
    assert failure.value.code == 77


def test_rmdir_of_a_folder_that_is_not_empty_is_a_file_error(ftp, remote):
    remote.mkdir("full")
    remote.seed("full/inside.bin", b"x")
    with pytest.raises(FtpFileError):
        ftp.rmdir(remote.file("full"))
    assert remote.exists("full")


def test_a_port_with_nothing_listening_is_a_connection_error(modem, ftp_account, hil_options, remote, target):
    path = remote.seed("f.bin", b"x")
    port = 1  # tcpmux: closed on any ordinary server host
    if target.is_emulator and ftp_account.module_host == "127.0.0.1":
        with socket.socket() as probe:  # a port this machine surely has closed
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    with pytest.raises(FtpConnectionError) as failure:
        client(modem, ftp_account, hil_options, port=port).get(path)
    assert failure.value.code == 63


def test_a_second_session_while_one_runs_is_refused(modem, ftp, remote):
    # > AT+FTPGET=1 (running) ... the driver's own next operation  < +FTPSIZE: 1,66,0
    path = remote.seed("f.bin", bytes(200000))
    assert ftp.size(path) == 200000
    modem.command(f'AT+FTPGETPATH="{remote.path}/"')
    modem.command('AT+FTPGETNAME="f.bin"')
    with modem.channel.subscribe("+FTPGET: 1,") as urcs:
        modem.command("AT+FTPGET=1")
        with pytest.raises(FtpNotAllowedError) as failure:
            ftp.size(path)
        assert failure.value.code == 66
        assert ftp.quit() is True
        while urcs.wait(60).text != "+FTPGET: 1,80":
            pass


def test_quit_while_idle_is_refused_by_the_module(modem, ftp):
    # > AT+FTPQUIT  < ERROR
    with pytest.raises(AtError):
        modem.command("AT+FTPQUIT")
    assert ftp.quit() is False


@pytest.mark.parametrize(
    "path",
    [
        "/dir/" + "n" * 65,  # name over 64
        "/" + "d" * 255 + "/f.bin",  # path over 255
        '/dir/quote".bin',  # a quote cannot travel inside an AT string
        "/dir/",  # names no file
    ],
)
def test_names_the_module_cannot_take_are_refused_before_sending(modem, ftp, path):
    before = modem.command("AT+FTPGETNAME?;+FTPGETPATH?").lines
    with pytest.raises(ValueError):
        ftp.get(path)
    assert modem.command("AT+FTPGETNAME?;+FTPGETPATH?").lines == before  # nothing reached the module
