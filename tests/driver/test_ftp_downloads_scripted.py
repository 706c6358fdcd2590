"""FtpClient downloads against scripted exchanges (FTPGET, FTPLIST, FTPEXTGET, FTPETGET)."""

from __future__ import annotations

import io

import pytest

from driver import AtError, FtpFileError, FtpTransferError
from driver.escaping import END, escape

from .ftp_script import AN_SETTINGS, ERROR, OK, block, get_file, ok, session_parameters, urc
from .pty_module import Step

DATA = bytes(range(256)) * 6  # 1536 bytes: one full 1460-byte read and 76 more


def first_get(directory=b"/", name=b"simftp.txt", rest=b"0") -> list[Step]:
    return [*session_parameters(), *get_file(directory, name), ok(b"AT+FTPREST=" + rest)]


def test_get_as_in_the_application_note(script, modem):
    # AT+FTPGET=1        -> OK, +FTPGET: 1,1                   (data are available)
    # AT+FTPGET=2,1460   -> +FTPGET: 2,1460 <1460 bytes> OK     (a full block: read on)
    # AT+FTPGET=2,1460   -> +FTPGET: 2,50 <50 bytes> OK         (short: the buffer is empty)
    #                       +FTPGET: 1,1                        (more arrived)
    # AT+FTPGET=2,1460   -> +FTPGET: 2,26 <26 bytes> OK, +FTPGET: 1,0   (after the last byte)
    script.add(
        *first_get(),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,1460", DATA[:1460])),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,50", DATA[1460:1510]) + urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,26", DATA[1510:]) + urc(b"+FTPGET: 1,0")),
    )
    seen = []
    assert modem.ftp(AN_SETTINGS).get("/simftp.txt", progress=seen.append) == DATA
    assert seen == [1460, 1510, 1536]
    assert modem.channel.unconsumed() == []


def test_get_of_an_empty_file(script, modem):
    # AT+FTPGET=1 -> OK, +FTPGET: 1,0   (nothing to read: no 1,1 at all)
    script.add(*first_get(), ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,0")))
    assert modem.ftp(AN_SETTINGS).get("/simftp.txt") == b""


def test_a_read_that_crosses_the_end_of_the_session(script, modem):
    # the last full block emptied the file; +FTPGET: 1,0 crossed the next read on the line:
    # AT+FTPGET=2,1460 -> +FTPGET: 2,1460 <1460 bytes> OK
    # AT+FTPGET=2,1460 -> ERROR, +FTPGET: 1,0      (AN 5.6: a read after the session ended)
    script.add(
        *first_get(),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,1460", DATA[:1460])),
        Step(b"AT+FTPGET=2,1460", ERROR + urc(b"+FTPGET: 1,0")),
    )
    assert modem.ftp(AN_SETTINGS).get("/simftp.txt") == DATA[:1460]


def test_empty_reads_and_repeated_data_urcs(script, module, modem):
    # AT+FTPGET=1      -> OK, +FTPGET: 1,1, +FTPGET: 1,1   (the repeat of a module not yet read)
    # AT+FTPGET=2,1460 -> +FTPGET: 2,0 OK, +FTPGET: 1,1    (AN 5.1: nothing now, session open)
    # AT+FTPGET=2,1460 -> +FTPGET: 2,5 hello OK, +FTPGET: 1,0
    # a stale repeat may cost the host one more read: +FTPGET: 2,0, or ERROR after 1,0
    answers = [
        block(b"+FTPGET: 2,0", b"") + urc(b"+FTPGET: 1,1"),
        block(b"+FTPGET: 2,5", b"hello") + urc(b"+FTPGET: 1,0"),
    ]

    def reads(module, line: bytes) -> None:
        if line != b"AT+FTPGET=2,1460":
            script(module, line)
        elif answers:
            module.write(answers.pop(0))
        else:
            module.write(ERROR)

    script.add(*first_get(), ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1") + urc(b"+FTPGET: 1,1")))
    module.handler = reads
    assert modem.ftp(AN_SETTINGS).get("/simftp.txt") == b"hello"
    assert answers == []


def test_missing_file(script, modem):
    # AT+FTPGET=1 -> OK, +FTPGET: 1,77   (the server answered 550 to RETR)
    script.add(*first_get(b"/dir/", b"none.bin"), ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,77")))
    with pytest.raises(FtpFileError) as caught:
        modem.ftp(AN_SETTINGS).get("/dir/none.bin")
    assert caught.value.code == 77
    assert caught.value.operation == "get /dir/none.bin"
    assert caught.value.transferred == 0


def test_offset_sets_rest_and_puts_it_back(script, modem):
    # AT+FTPREST=20 ... the last 9 bytes of a 29-byte file ... AT+FTPREST=0   (AN 5.7)
    script.add(
        *first_get(rest=b"20"),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,9", b"shigeshia") + urc(b"+FTPGET: 1,0")),
        ok(b"AT+FTPREST=0"),
    )
    assert modem.ftp(AN_SETTINGS).get("/simftp.txt", offset=20) == b"shigeshia"


def test_resume_after_a_broken_download(script, modem):
    # first session breaks off after 1560 bytes with 79 (download error); the second
    # starts at AT+FTPREST=1560 and brings the rest; then AT+FTPREST=0 again
    data = bytes(range(256)) * 8
    script.add(
        *first_get(),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,1460", data[:1460])),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,100", data[1460:1560]) + urc(b"+FTPGET: 1,79")),
        ok(b"AT+FTPREST=1560"),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(
            b"AT+FTPGET=2,1460",
            block(b"+FTPGET: 2,%d" % (len(data) - 1560), data[1560:]) + urc(b"+FTPGET: 1,0"),
        ),
        ok(b"AT+FTPREST=0"),
    )
    sink = io.BytesIO()
    assert modem.ftp(AN_SETTINGS).get_to("/simftp.txt", sink, resume=True) == len(data)
    assert sink.getvalue() == data


def test_without_resume_the_break_is_raised(script, modem):
    script.add(
        *first_get(),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", block(b"+FTPGET: 2,100", DATA[:100]) + urc(b"+FTPGET: 1,79")),
    )
    with pytest.raises(FtpTransferError) as caught:
        modem.ftp(AN_SETTINGS).get("/simftp.txt")
    assert caught.value.transferred == 100


def test_list_a_directory(script, modem):
    # AT+FTPGETPATH="/"; AT+FTPLIST=1 -> OK, +FTPLIST: 1,1;
    # AT+FTPLIST=2,1460 -> +FTPLIST: 2,<n> <listing> OK, +FTPLIST: 1,0   (AN 5.11)
    listing = b"drw-rw-rw- 1 user group 0 Oct 12 14:58 .\r\ndrw-rw-rw- 1 user group 0 Oct 12 14:58 ..\r\n"
    script.add(
        *session_parameters(),
        ok(b'AT+FTPGETPATH="/"'),
        ok(b"AT+FTPREST=0"),
        ok(b"AT+FTPLIST=1", urc(b"+FTPLIST: 1,1")),
        Step(b"AT+FTPLIST=2,1460", block(b"+FTPLIST: 2,%d" % len(listing), listing) + urc(b"+FTPLIST: 1,0")),
    )
    assert modem.ftp(AN_SETTINGS).list("/") == listing.decode()


def test_extended_get(script, modem):
    # AT+FTPEXTGET=1 -> OK, +FTPEXTGET: 1,0;  AT+FTPEXTGET? -> +FTPEXTGET: 1,<size>;
    # AT+FTPEXTGET=3,0,<size> -> +FTPEXTGET: 3,<size> <bytes> OK;  AT+FTPEXTGET=0   (AN 5.13)
    script.add(
        *first_get(),
        ok(b"AT+FTPEXTGET=1", urc(b"+FTPEXTGET: 1,0")),
        Step(b"AT+FTPEXTGET?", b"\r\n+FTPEXTGET: 1,%d\r\n" % len(DATA) + OK),
        Step(b"AT+FTPEXTGET=3,0,%d" % len(DATA), block(b"+FTPEXTGET: 3,%d" % len(DATA), DATA)),
        ok(b"AT+FTPEXTGET=0"),
    )
    assert modem.ftp(AN_SETTINGS).get_extended("/simftp.txt") == DATA


def test_extended_get_frees_the_buffer_after_a_failure(script, modem):
    script.add(*first_get(), ok(b"AT+FTPEXTGET=1", urc(b"+FTPEXTGET: 1,72")), ok(b"AT+FTPEXTGET=0"))
    with pytest.raises(Exception) as caught:
        modem.ftp(AN_SETTINGS).get_extended("/simftp.txt")
    assert caught.value.code == 72


@pytest.mark.parametrize(
    "payload", [b"", bytes(range(256)) * 2 + b"\x03\x10\x10\x03"], ids=["empty", "every-byte"]
)
def test_transparent_get(script, modem, payload):
    # AT+FTPETGET=1 -> OK; +FTPETGET: 1,1, escaped data, ETX, +FTPETGET: 1,0   (AN 5.15)
    script.add(
        *first_get(),
        ok(b"AT+FTPETGET=1", urc(b"+FTPETGET: 1,1") + escape(payload) + END + urc(b"+FTPETGET: 1,0")),
    )
    assert modem.ftp(AN_SETTINGS).get_transparent("/simftp.txt", verify=False) == payload


def test_transparent_get_refused(script, modem):
    script.add(*first_get(), ok(b"AT+FTPETGET=1", urc(b"+FTPETGET: 1,66")))
    with pytest.raises(Exception) as caught:
        modem.ftp(AN_SETTINGS).get_transparent("/simftp.txt")
    assert caught.value.code == 66


def test_a_refused_read_without_an_ending_urc_is_an_at_error(script, modem):
    script.add(
        *first_get(),
        ok(b"AT+FTPGET=1", urc(b"+FTPGET: 1,1")),
        Step(b"AT+FTPGET=2,1460", b"\r\n+CME ERROR: operation not allowed\r\n"),
        # the driver gives the session up and makes sure the module is idle again
        Step(b"AT+FTPQUIT", b"\r\nERROR\r\n"),
    )
    with pytest.raises(AtError) as caught:
        modem.ftp(AN_SETTINGS).get("/simftp.txt")
    assert caught.value.command == "AT+FTPGET=2,1460"
