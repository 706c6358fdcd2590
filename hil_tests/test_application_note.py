"""The application note's samples (sections 5.1 to 5.18), through the driver, on either target.

Each test narrates the note's exchange (host >, module <). Where the driver
has no call for an exchange (the note's deliberate mistakes), the test sends
the command itself through the driver's channel and waits for the URC.
"""

from datetime import timedelta

import pytest

from driver import AtError, FtpAuthenticationError, FtpSettings

TEXT_50 = b"01234567890123456789012345678901234567890123456789"


def test_5_1_get(ftp, remote):
    # > AT+FTPCID=0, AT+FTPSERV, AT+FTPUN, AT+FTPPW, AT+FTPGETNAME, AT+FTPGETPATH
    # > AT+FTPGET=1 < OK < +FTPGET: 1,1;  > AT+FTPGET=2,1024 < +FTPGET: 2,50 ... OK;  < +FTPGET: 1,0
    assert ftp.get(remote.seed("simftp.txt", TEXT_50)) == TEXT_50


def test_5_2_put(ftp, remote):
    # > AT+FTPPUT=1 < OK < +FTPPUT: 1,1,1360;  > AT+FTPPUT=2,100 < +FTPPUT: 2,100 > 100 bytes < OK
    # < +FTPPUT: 1,1,1360;  > AT+FTPPUT=2,0 < OK < +FTPPUT: 1,0
    ftp.put(remote.file("simftp.txt"), bytes(range(100)))
    assert remote.read("simftp.txt") == bytes(range(100))


def test_5_3_unread_data_is_announced_again_then_times_out(modem, ftp, remote, emulator):
    # > AT+FTPGET=1 < OK < +FTPGET: 1,1 ... < +FTPGET: 1,1 (again, data unread) ... < +FTPGET: 1,64
    # Needs the emulator's clock: a module waits a real minute.
    path = remote.seed("simftp.txt", TEXT_50)
    assert ftp.size(path) == 50  # session parameters sent
    modem.command(f'AT+FTPGETPATH="{remote.path}/"')
    modem.command('AT+FTPGETNAME="simftp.txt"')
    emulator.time_scale = 0.001
    with modem.channel.subscribe("+FTPGET:") as urcs:
        modem.command("AT+FTPGET=1")
        texts = [urcs.wait(30).text]
        while texts[-1] != "+FTPGET: 1,64":
            texts.append(urcs.wait(30).text)
    assert texts[:-1] == ["+FTPGET: 1,1"] * 6  # announced, then every 10 s of the 60 s timeout


def test_5_4_wrong_password(modem, ftp_account, remote, hil_options):
    # > AT+FTPPW="3214567" < OK;  > AT+FTPGET=1 < OK < +FTPGET: 1,72
    path = remote.seed("simftp.txt", TEXT_50)
    wrong = modem.ftp(FtpSettings(host=ftp_account.module_host, port=ftp_account.module_port,
                                  user=ftp_account.user, password="3214567", cid=hil_options.cid))  # fmt: skip
    with pytest.raises(FtpAuthenticationError) as failure:
        wrong.get(path)
    assert failure.value.code == 72


def test_5_5_empty_name_and_a_second_session_give_66(modem, ftp, remote):
    # > AT+FTPGETNAME="" > AT+FTPGET=1 < OK < +FTPGET: 1,66
    # > AT+FTPPUT=1 < OK;  > AT+FTPPUT=1 < OK < +FTPPUT: 1,66
    assert ftp.size(remote.seed("simftp.txt", TEXT_50)) == 50  # session parameters sent
    modem.command('AT+FTPGETNAME=""')
    with modem.channel.subscribe("+FTPGET:") as urcs:
        modem.command("AT+FTPGET=1")
        assert urcs.wait(60).text == "+FTPGET: 1,66"
    modem.command(f'AT+FTPPUTPATH="{remote.path}/"')
    modem.command('AT+FTPPUTNAME="second.bin"')
    with modem.channel.subscribe("+FTPPUT:") as urcs:
        modem.command("AT+FTPPUT=1")
        assert urcs.wait(60).text == "+FTPPUT: 1,1,1360"
        modem.command("AT+FTPPUT=1")
        assert urcs.wait(60).text == "+FTPPUT: 1,66"
        modem.command("AT+FTPPUT=2,0")  # the first session closes normally
        assert urcs.wait(60).text == "+FTPPUT: 1,0"


def test_5_6_reads_before_the_data_and_after_the_end_are_errors(modem, ftp, remote, target, emulator_session):
    # > AT+FTPGET=1 < OK;  > AT+FTPGET=2,1000 < ERROR (before +FTPGET: 1,1)
    # < +FTPGET: 1,1;  > AT+FTPGET=2,1000 < +FTPGET: 2,50 ... OK  < +FTPGET: 1,0
    # > AT+FTPGET=2,1000 < ERROR (after the end)
    if target.is_emulator:  # a module takes a while to connect; give the emulator the same
        emulator_session.call(lambda core: setattr(core.profile.timings, "connect_latency", 1.0))
    assert ftp.size(remote.seed("simftp.txt", TEXT_50)) == 50
    modem.command(f'AT+FTPGETPATH="{remote.path}/"')
    modem.command('AT+FTPGETNAME="simftp.txt"')
    with modem.channel.subscribe("+FTPGET: 1,") as urcs:
        modem.command("AT+FTPGET=1")
        with pytest.raises(AtError):
            modem.command("AT+FTPGET=2,1000")
        assert urcs.wait(60).text == "+FTPGET: 1,1"
        assert modem.command("AT+FTPGET=2,1000").data == TEXT_50
        assert urcs.wait(60).text == "+FTPGET: 1,0"
    with pytest.raises(AtError):
        modem.command("AT+FTPGET=2,1000")


def test_5_7_rest_resumes_at_the_break_point(ftp, remote):
    # > AT+FTPREST=20 < OK;  > AT+FTPGET=1 ... < +FTPGET: 2,9 shigeshia
    path = remote.seed("simftp.txt", b"wodeceshijieguo,zhgeshigeshia")
    assert ftp.get(path) == b"wodeceshijieguo,zhgeshigeshia"
    assert ftp.get(path, offset=20) == b"shigeshia"


def test_5_8_dele(ftp, remote):
    # > AT+FTPDELE < OK < +FTPDELE: 1,0
    ftp.delete(remote.seed("simftp.txt", TEXT_50))
    assert not remote.exists("simftp.txt")


def test_5_9_size(ftp, remote):
    # > AT+FTPSIZE < OK < +FTPSIZE: 1,0,1024
    assert ftp.size(remote.seed("simftp.txt", bytes(1024))) == 1024


def test_5_10_mkd_and_rmd(ftp, remote):
    # > AT+FTPGETPATH="/test" > AT+FTPMKD < OK < +FTPMKD: 1,0;  > AT+FTPRMD < OK < +FTPRMD: 1,0
    ftp.mkdir(remote.file("test"))
    assert remote.exists("test")
    ftp.rmdir(remote.file("test"))
    assert not remote.exists("test")


def test_5_11_list(ftp, remote):
    # > AT+FTPLIST=1 < OK < +FTPLIST: 1,1;  > AT+FTPLIST=2,1024 < +FTPLIST: 2,<n> <lines> OK < +FTPLIST: 1,0
    remote.seed("simftp.txt", TEXT_50)
    assert "simftp.txt" in ftp.list(remote.path)
    assert "simftp.txt" in ftp.list(remote.file("simftp.txt"))


def test_5_12_extended_put(ftp, remote):
    # > AT+FTPEXTPUT=1;  > AT+FTPEXTPUT=2,0,1024,10000 < +FTPEXTPUT: 0,1024 > 1024 bytes < OK
    # > AT+FTPPUT=1 < OK < +FTPPUT: 1,0;  > AT+FTPEXTPUT=0
    data = bytes(range(256)) * 4
    ftp.put_extended(remote.file("simftp.txt"), data)
    assert remote.read("simftp.txt") == data


def test_5_13_extended_get(ftp, remote):
    # > AT+FTPEXTGET=1 < OK < +FTPEXTGET: 1,0;  > AT+FTPEXTGET=3,0,174125 < +FTPEXTGET: 3,174125 ... OK
    data = (bytes(range(256)) * 681)[:174125]
    assert ftp.get_extended(remote.seed("simftp.txt", data)) == data


def test_5_14_transparent_put(ftp, remote):
    # > AT+FTPETPUT=1 < OK < +FTPETPUT: 1,1;  > AT+FTPETPUT=2 < OK < +FTPETPUT: 2,1 > data <ETX>
    # < OK < +FTPETPUT: 1,0
    data = b"A\x03\x10B" * 100
    ftp.put_transparent(remote.file("simftp.txt"), data)
    assert remote.read("simftp.txt") == data


def test_5_15_transparent_get(ftp, remote):
    # > AT+FTPETGET=1 < OK < +FTPETGET: 1,1 <data> <ETX> < +FTPETGET: 1,0
    data = b"A\x03\x10B" * 100
    assert ftp.get_transparent(remote.seed("simftp.txt", data)) == data


def test_5_16_quit(modem, ftp, remote):
    # > AT+FTPGET=1 < OK;  > AT+FTPQUIT < OK < +FTPGET: 1,80
    assert ftp.size(remote.seed("simftp.txt", bytes(200000))) == 200000
    modem.command(f'AT+FTPGETPATH="{remote.path}/"')
    modem.command('AT+FTPGETNAME="simftp.txt"')
    with modem.channel.subscribe("+FTPGET: 1,") as urcs:
        modem.command("AT+FTPGET=1")
        assert ftp.quit() is True
        while (text := urcs.wait(60).text) == "+FTPGET: 1,1":
            pass
    assert text == "+FTPGET: 1,80"


def test_5_17_rename(ftp, remote):
    # > AT+FTPGETNAME="simftp.txt" > AT+FTPPUTNAME="simftp2.txt" > AT+FTPRENAME < OK < +FTPRENAME: 1,0
    remote.seed("simftp.txt", TEXT_50)
    ftp.rename(remote.file("simftp.txt"), remote.file("simftp2.txt"))
    assert remote.names() == ["simftp2.txt"]


def test_5_18_mdtm(ftp, remote):
    # > AT+FTPMDTM < OK < +FTPMDTM: 1,0,20140409060951
    path = remote.seed("simftp.txt", TEXT_50)
    assert abs(ftp.mdtm(path) - remote.mdtm("simftp.txt")) < timedelta(seconds=1)
