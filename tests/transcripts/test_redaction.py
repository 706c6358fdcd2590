"""Secrets never reach a transcript or an error message, however the bytes are split."""

from __future__ import annotations

import pytest

from driver import AtError
from driver.redact import Redactor, StreamRedactor
from driver.transcript import MemoryTranscript

PASSWORD = "p@ss;w,rd=%$! x\\y"  # every special character an AT string can carry
USER = "us;er,name=7 z"


@pytest.mark.parametrize(
    "line, masked",
    [
        (f'AT+FTPPW="{PASSWORD}"\r', b'AT+FTPPW="***"\r'),
        (f'AT+FTPUN="{USER}"\r', b'AT+FTPUN="***"\r'),
        (f"at+ftppw={PASSWORD}\r", b'at+ftppw="***"\r'),  # unquoted: masked to the line end
        (f'AT+FTPUN="{USER}";+FTPPW="{PASSWORD}"\r', b'AT+FTPUN="***"\r'),  # to the last quote
        (f'\r\n+FTPPW: "{PASSWORD}"\r\n', b'\r\n+FTPPW: "***"\r\n'),  # the answer to AT+FTPPW?
    ],
)
def test_values_of_the_secret_commands_are_masked(line, masked):
    assert Redactor().redact(line.encode()) == masked


@pytest.mark.parametrize("line", [b"AT+FTPPW=?\r", b"AT+FTPPW?\r", b'AT+FTPSERV="host"\r', b"+FTPPWX\r"])
def test_everything_else_is_left_alone(line):
    assert Redactor().redact(line) == line


def test_named_commands_and_literal_values_too():
    redactor = Redactor(("FTPPW", "AT+CNCFG"), values=["top-secret"])
    assert redactor.redact(b'AT+CNCFG=0,1,"apn","me","pw"\r') == b'AT+CNCFG="***"\r'
    # literals keep their length, so a data block's count stays true
    assert redactor.redact(b"\x00top-secret\xff") == b"\x00**********\xff"
    with pytest.raises(ValueError):
        Redactor(values=["ab"])


STREAM = (
    f'ATE1\rAT+FTPUN="{USER}"\rAT+FTPUN="{USER}"\r\r\nOK\r\n'
    f'AT+FTPPW="{PASSWORD}"\r\r\n+FTPGET: 2,20\r\n..top-secret..ab\r\nOK\r\n'
).encode()


def test_a_stream_split_anywhere_is_masked_as_a_whole():
    redactor = Redactor(values=["top-secret"])
    whole = redactor.redact(STREAM)
    for first in range(len(STREAM)):
        for second in range(first, len(STREAM), 7):
            stream = StreamRedactor(redactor)
            pieces = [stream.feed(STREAM[:first]), stream.feed(STREAM[first:second]), stream.feed(STREAM[second:])]
            pieces.append(stream.flush())
            assert b"".join(pieces) == whole
            for piece in pieces:
                assert PASSWORD.encode() not in piece and b"top-secret" not in piece


def test_bytes_are_held_back_only_while_they_may_start_a_secret():
    stream = StreamRedactor(Redactor())
    assert stream.feed(b"\r\nOK\r\n+FTP") == b"\r\nOK\r\n"  # `+FTP` may become `+FTPPW: "…"`
    assert stream.feed(b"GET: 1,1\r\n") == b"+FTPGET: 1,1\r\n"
    assert stream.feed(b'AT+FTPPW="pa') == b"AT"
    assert stream.feed(b'ss"\r') == b'+FTPPW="***"\r'


def test_the_memory_transcript_masks_the_echo_as_well():
    transcript = MemoryTranscript()
    transcript.on_write(f'AT+FTPPW="{PASSWORD}"\r'.encode())
    echo = f'AT+FTPPW="{PASSWORD}"\r\r\nOK\r\n'.encode()
    transcript.on_read(echo[:14])  # ATE1: the module repeats the line, split mid-secret
    transcript.on_read(echo[14:])
    assert transcript.read_bytes() == b'AT+FTPPW="***"\r\r\nOK\r\n'
    assert transcript.written_bytes() == b'AT+FTPPW="***"\r'


def test_error_messages_mask_the_echoed_password():
    error = AtError(f'AT+FTPPW="{PASSWORD}"', f'AT+FTPPW="{PASSWORD}"\r\r\nERROR\r\n'.encode())
    assert PASSWORD not in str(error) and PASSWORD.encode() not in error.seen
