"""FtpClient uploads against scripted exchanges (FTPPUT, FTPEXTPUT, FTPETPUT)."""

from __future__ import annotations

import io

import pytest

from driver import FtpNotAllowedError, FtpTransferError

from .ftp_script import AN_SETTINGS, ERROR, OK, ok, put_file, session_parameters, urc
from .pty_module import Step

DATA = bytes(range(256)) * 6  # 1536 bytes: a 1360-byte chunk and 176 more


def first_put(option: bytes = b"STOR") -> list[Step]:
    return [*session_parameters(), *put_file(b"/", b"simftp.txt"), ok(b'AT+FTPPUTOPT="%s"' % option)]


def chunk(requested: int, confirmed: int) -> Step:
    # AT+FTPPUT=2,<n> -> +FTPPUT: 2,<cnf> (cnf bytes) OK, then +FTPPUT: 1,1,1360 (AN 5.2)
    return Step(
        b"AT+FTPPUT=2,%d" % requested,
        urc(b"+FTPPUT: 2,%d" % confirmed),
        payload=confirmed,
        after=OK + urc(b"+FTPPUT: 1,1,1360"),
    )


def test_put_as_in_the_application_note(script, modem):
    # AT+FTPPUT=1 -> OK, +FTPPUT: 1,1,1360
    # AT+FTPPUT=2,1360 -> +FTPPUT: 2,1360 (1360 bytes) OK, +FTPPUT: 1,1,1360
    # AT+FTPPUT=2,176  -> +FTPPUT: 2,176 (176 bytes) OK, +FTPPUT: 1,1,1360
    # AT+FTPPUT=2,0    -> OK, +FTPPUT: 1,0
    first, second = chunk(1360, 1360), chunk(176, 176)
    script.add(
        *first_put(),
        ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,1,1360")),
        first,
        second,
        ok(b"AT+FTPPUT=2,0", urc(b"+FTPPUT: 1,0")),
    )
    seen = []
    assert modem.ftp(AN_SETTINGS).put("/simftp.txt", DATA, progress=seen.append) == len(DATA)
    assert first.received + second.received == DATA
    assert seen == [1360, 1536]
    assert modem.channel.unconsumed() == []


def test_put_sends_only_what_the_module_confirms(script, modem):
    # a module with a smaller window: +FTPPUT: 1,1,1000; a request of 1000 confirmed as 600
    steps = [chunk(1000, 600), chunk(936, 936)]
    steps[0].after = OK + urc(b"+FTPPUT: 1,1,1000")
    steps[1].after = OK + urc(b"+FTPPUT: 1,1,1000")
    script.add(
        *first_put(),
        ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,1,1000")),
        *steps,
        ok(b"AT+FTPPUT=2,0", urc(b"+FTPPUT: 1,0")),
    )
    assert modem.ftp(AN_SETTINGS).put("/simftp.txt", io.BytesIO(DATA)) == len(DATA)
    assert steps[0].received + steps[1].received == DATA


def test_put_of_nothing_creates_an_empty_file(script, modem):
    script.add(
        *first_put(),
        ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,1,1360")),
        ok(b"AT+FTPPUT=2,0", urc(b"+FTPPUT: 1,0")),
    )
    assert modem.ftp(AN_SETTINGS).put("/simftp.txt", b"") == 0


def test_append_and_unique_modes(script, modem):
    script.add(
        *first_put(b"APPE"),
        ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,1,1360")),
        chunk(3, 3),
        ok(b"AT+FTPPUT=2,0", urc(b"+FTPPUT: 1,0")),
        # the second upload changes only the put option
        ok(b'AT+FTPPUTOPT="STOU"'),
        ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,1,1360")),
        chunk(3, 3),
        ok(b"AT+FTPPUT=2,0", urc(b"+FTPPUT: 1,0")),
    )
    ftp = modem.ftp(AN_SETTINGS)
    ftp.put("/simftp.txt", b"abc", mode="append")
    ftp.put("/simftp.txt", b"def", mode="unique")
    with pytest.raises(ValueError):
        ftp.put("/simftp.txt", b"x", mode="overwrite")


def test_upload_breaking_off(script, modem):
    # after the first chunk the server connection breaks: +FTPPUT: 1,78 instead of 1,1,1360
    broken = chunk(1360, 1360)
    broken.after = OK + urc(b"+FTPPUT: 1,78")
    script.add(*first_put(), ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,1,1360")), broken)
    with pytest.raises(FtpTransferError) as caught:
        modem.ftp(AN_SETTINGS).put("/simftp.txt", DATA)
    assert caught.value.code == 78 and caught.value.transferred == 1360


def test_a_refused_chunk_reports_the_session_error(script, modem):
    # the session already ended (66) when the chunk was asked for: ERROR, +FTPPUT: 1,66
    script.add(
        *first_put(),
        ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,1,1360")),
        Step(b"AT+FTPPUT=2,1360", ERROR + urc(b"+FTPPUT: 1,66")),
    )
    with pytest.raises(FtpNotAllowedError):
        modem.ftp(AN_SETTINGS).put("/simftp.txt", DATA)


def test_extended_put(script, modem):
    # AT+FTPEXTPUT=1 -> OK
    # AT+FTPEXTPUT=2,0,1536,<ms> -> +FTPEXTPUT: 0,1536 (1536 bytes) OK
    # AT+FTPPUT=1 -> OK, +FTPPUT: 1,0;  AT+FTPEXTPUT=0 -> OK   (AN 5.12)
    load = Step(b"AT+FTPEXTPUT=2,0,1536,1266", urc(b"+FTPEXTPUT: 0,1536"), payload=1536, after=OK)
    script.add(
        *first_put(),
        ok(b"AT+FTPEXTPUT=1"),
        load,
        ok(b"AT+FTPPUT=1", urc(b"+FTPPUT: 1,0")),
        ok(b"AT+FTPEXTPUT=0"),
    )
    modem.ftp(AN_SETTINGS).put_extended("/simftp.txt", DATA)
    assert load.received == DATA


def test_extended_put_is_bounded_by_the_module_buffer(script, modem):
    with pytest.raises(ValueError):
        modem.ftp(AN_SETTINGS).put_extended("/big.bin", bytes(320 * 1024 + 1))


def test_transparent_put(script, modem):
    # AT+FTPETPUT=1 -> OK, +FTPETPUT: 1,1
    # AT+FTPETPUT=2 -> OK, +FTPETPUT: 2,1 (escaped data, ETX) OK, +FTPETPUT: 1,0   (AN 5.14)
    stream = Step(
        b"AT+FTPETPUT=2", OK + urc(b"+FTPETPUT: 2,1"), payload="escaped", after=OK + urc(b"+FTPETPUT: 1,0")
    )
    script.add(*first_put(), ok(b"AT+FTPETPUT=1", urc(b"+FTPETPUT: 1,1")), stream)
    payload = bytes(range(256)) * 3 + b"\x03\x10"
    assert modem.ftp(AN_SETTINGS).put_transparent("/simftp.txt", payload, verify=False) == len(payload)
    assert stream.received == payload
