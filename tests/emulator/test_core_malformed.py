"""Malformed input of every kind: the module answers what it must, and then still answers AT.

`>` is the host, `<` the module.
"""

import pytest

from emulator.core.lines import MAX_LINE

from .hosts import ERROR, OK, CoreHost, quiet_host

CGMI = b"\r\nSIMCOM_Ltd\r\n" + OK


@pytest.fixture
def host():
    return quiet_host()


def still_answers(host):
    assert host.send(b"AT\r") == OK


@pytest.mark.parametrize(
    "line",
    [b"hello\r", b"\r", b"\r\n", b"\r\r\r\n", b"\n\r", b"A\r", b"A T\r", b"\x00\r", b"\xff" * 40 + b"\r", b"+CSQ\r"],
)
def test_lines_without_at_get_no_answer_not_even_an_echo(line):
    # > hello         (silence: no echo, no result)
    host = CoreHost()
    assert host.send(line) == b""
    assert host.send(b"AT\r") == b"AT\r" + OK


def test_noise_before_at_is_ignored():
    # > xyz\x00AT+CGMI    < AT+CGMI<CR> (the echo starts at AT) / SIMCOM_Ltd / OK
    host = CoreHost()
    assert host.send(b"xyz\x00AT+CGMI\r") == b"AT+CGMI\r" + CGMI
    assert host.send(b"AT\r") == b"AT\r" + OK


@pytest.mark.parametrize(
    "line",
    [
        b'AT+CNCFG=0,1,"ctnb\r',  # unterminated quote
        b'AT+CNCFG=0,1,"ctnb","\r',
        b'AT+CNCFG=0,1,ctnb"\r',  # a quote inside an unquoted string
        b'AT+CNCFG=0,1,"ctnb"x\r',  # junk after a string
    ],
)
def test_broken_quotes(host, line):
    assert host.send(line) == ERROR
    still_answers(host)


@pytest.mark.parametrize(
    "value", [b"x", b"1x", b"-1", b"+1", b"1.0", b"0x1", b" ", b"", b'""', b'"x"', b"\xb2", b"1 2"]
)
def test_bad_numbers_are_syntax_errors(host, value):
    # > AT+CMEE=<not a number>    < ERROR   (plain, even with CMEE=1)
    host.send(b"AT+CMEE=1\r")
    assert host.send(b"AT+CMEE=" + value + b"\r") == ERROR
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 1\r\n" + OK


def test_quoted_numbers_are_numbers(host):
    # some hosts quote numbers (AT+FTPPORT="21")
    assert host.send(b'AT+CMEE="2"\r') == OK
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 2\r\n" + OK


@pytest.mark.parametrize("digits", [13, 30, 600])
def test_huge_numbers_are_out_of_range(host, digits):
    # > AT+CMEE=999...9   < ERROR, or +CME ERROR: 765 once CMEE=1
    number = b"9" * digits
    line = b"AT+CMEE=" + number + b"\r"
    if len(line) > MAX_LINE + 1:
        assert host.send(line) == ERROR  # too long a line, whatever it holds
    else:
        assert host.send(line) == ERROR
        host.send(b"AT+CMEE=1\r")
        assert host.send(line) == b"\r\n+CME ERROR: 765\r\n"
    still_answers(host)


def test_leading_zeros_do_not_make_a_number_huge(host):
    assert host.send(b"AT+CMEE=" + b"0" * 20 + b"1\r") == OK
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 1\r\n" + OK


@pytest.mark.parametrize(
    "line",
    [
        b"AT+CGMI?\r",  # no read form
        b"AT+CGMI=1\r",  # no write form
        b"AT+CSQ?\r",
        b"AT+CMEE\r",  # no execute form
        b"AT+CNACT\r",
        b"AT+CFUN\r",
        b"ATE?\r",
        b"AT&C=1\r",
        b"AT+CMEE=?1\r",
        b"AT+CGMI=?=?\r",
        b"ATQ0\r",  # basic commands the module does not have
        b"ATZ\r",
        b"AT&F\r",
        b"AT+\r",
        b"AT&\r",
        b"AT5\r",
    ],
)
def test_wrong_forms_and_unknown_commands(host, line):
    assert host.send(line) == ERROR
    still_answers(host)


@pytest.mark.parametrize(
    "line",
    [
        b"AT+CMEE=\r",
        b"AT+CMEE=1,1\r",
        b"AT+CMEE=,\r",
        b"AT+CNACT=0\r",
        b"AT+CNACT=0,1,1\r",
        b"AT+CNACT=,\r",
        b"AT+CFUN=1,1,1\r",
        b"AT+IPR=9600,1\r",
        b"AT+CPOWD=\r",
        b"AT+CPOWD=1,1\r",
        b"AT+CEREG=1,1\r",
        b"AT+CGATT=1,1\r",
    ],
)
def test_wrong_arity(host, line):
    assert host.send(line) == ERROR
    still_answers(host)


@pytest.mark.parametrize("byte", [b for b in range(256) if b != 0x0D])
def test_every_byte_value_inside_a_line(host, byte):
    # > AT+CGMI<byte>     < SIMCOM_Ltd / OK for a space or a `;`, ERROR for anything else
    answer = host.send(b"AT+CGMI" + bytes([byte]) + b"\r")
    assert answer == (CGMI if bytes([byte]) in (b" ", b";") else ERROR)
    still_answers(host)


@pytest.mark.parametrize("byte", [b for b in range(256) if b != 0x0D])
def test_every_byte_value_inside_a_string(host, byte):
    # > AT+CNCFG=0,1,"x<byte>y"   < OK, and the APN reads back byte for byte
    # (a quote there ends the string early: ERROR)
    line = b'AT+CNCFG=0,1,"x' + bytes([byte]) + b'y"\r'
    if byte == ord('"'):
        assert host.send(line) == ERROR
    else:
        assert host.send(line) == OK
        assert host.send(b"AT+CNCFG?\r").startswith(b'\r\n+CNCFG: 0,1,"x' + bytes([byte]) + b'y",')
    still_answers(host)


def test_a_line_of_exactly_559_characters_is_processed():
    # > AT+CGMI and spaces, 559 characters in all     < the echo, SIMCOM_Ltd, OK
    line = b"AT+CGMI".ljust(MAX_LINE)
    assert len(line) == 559
    host = CoreHost()
    assert host.send(line + b"\r") == line + b"\r" + CGMI


def test_a_line_of_560_characters_is_rejected_whole():
    # > AT+CMEE=2; and spaces, 560 characters     < ERROR, and nothing ran
    line = b"AT+CMEE=2;".ljust(MAX_LINE + 1)
    host = quiet_host()
    assert host.send(line + b"\r") == ERROR
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 0\r\n" + OK


def test_an_over_long_line_is_echoed_up_to_the_limit():
    # the echo of a too-long line is bounded: its first 560 characters and the CR
    line = b"AT" + b"0123456789" * 100
    host = CoreHost()
    assert host.send(line + b"\r") == line[: MAX_LINE + 1] + b"\r" + ERROR
    assert host.send(b"AT\r") == b"AT\r" + OK


def test_a_megabyte_without_cr(host):
    # > AT and a megabyte of digits, then CR      < ERROR, once
    host.send(b"AT" + b"7" * 1_000_000)
    assert host.send(b"\r") == ERROR
    still_answers(host)


def test_crlf_line_endings(host):
    # > AT<CR><LF>ATI<CR><LF>     < OK / R1951.07 / OK      (the LF is not a second line)
    assert host.send(b"AT\r\nATI\r\n") == OK + b"\r\nR1951.07\r\n" + OK
    still_answers(host)


def test_empty_lines_between_commands(host):
    assert host.send(b"\r\r\nAT\r\r\n\r\nAT\r\r") == OK + OK


def test_lone_lf_is_not_a_line_end(host):
    # > AT<LF>  (nothing yet)  then <CR>: the line `AT<LF>` is malformed
    assert host.send(b"AT\n") == b""
    assert host.send(b"\r") == ERROR
    still_answers(host)


def test_semicolons_and_spaces_only(host):
    assert host.send(b"AT;\r") == OK
    assert host.send(b"AT ; ;\r") == OK
    assert host.send(b"AT   \r") == OK
