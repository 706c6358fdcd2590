"""How the parser decides what a line is: the command in flight tells information
lines from URCs, data headers switch to counting, a bare ETX ends a stream."""

from __future__ import annotations

import random

import pytest

import driver.parser as parser_module
from driver.escaping import escape
from driver.events import (
    CmeErrorResult,
    DataBlock,
    Echo,
    Error,
    InformationLine,
    Noise,
    Ok,
    TransparentData,
    TransparentEnd,
    UploadPrompt,
    Urc,
)
from driver.parser import MAX_LINE, AtParser


def feed(parser: AtParser, data: bytes) -> list:
    return parser.feed(data)


# -- the same bytes, told apart by the command in flight ---------------------------------


def test_extput_line_is_a_prompt_while_loading_the_buffer():
    # AT+FTPEXTPUT=2,0,1024,10000  ->  +FTPEXTPUT: 0,1024   (the module waits for 1024 bytes)
    parser = AtParser()
    parser.expect("AT+FTPEXTPUT=2,0,1024,10000")
    assert feed(parser, b"\r\n+FTPEXTPUT: 0,1024\r\n") == [UploadPrompt("+FTPEXTPUT: 0,1024", 1024, 0)]


def test_extput_line_is_information_for_the_read_query():
    # AT+FTPEXTPUT?  ->  +FTPEXTPUT: 1,1024 / OK   (mode 1, 1024 bytes buffered)
    parser = AtParser()
    parser.expect("AT+FTPEXTPUT?")
    assert feed(parser, b"\r\n+FTPEXTPUT: 1,1024\r\n\r\nOK\r\n") == [
        InformationLine("+FTPEXTPUT: 1,1024"),
        Ok(),
    ]


def test_extget_progress_is_information_but_the_same_tag_after_ok_is_a_urc():
    # AT+FTPEXTGET?  ->  +FTPEXTGET: 1,64136 / OK;  later the URC +FTPEXTGET: 1,0 (AN 5.13)
    parser = AtParser()
    parser.expect("AT+FTPEXTGET?")
    events = feed(parser, b"\r\n+FTPEXTGET: 1,64136\r\n\r\nOK\r\n\r\n+FTPEXTGET: 1,0\r\n")
    assert events == [InformationLine("+FTPEXTGET: 1,64136"), Ok(), Urc("+FTPEXTGET: 1,0")]
    assert parser.in_flight is None


def test_extget_done_is_a_urc_after_the_session_command():
    # AT+FTPEXTGET=1  ->  OK, +FTPEXTGET: 1,0
    parser = AtParser()
    parser.expect("AT+FTPEXTGET=1")
    assert feed(parser, b"\r\n+FTPEXTGET: 1,0\r\n\r\nOK\r\n") == [Urc("+FTPEXTGET: 1,0"), Ok()]


def test_data_ready_urc_while_reading_is_a_urc():
    # AT+FTPGET=2,1460 crossed by a repeated +FTPGET: 1,1 (reference 11.2)
    parser = AtParser()
    parser.expect("AT+FTPGET=2,1460")
    events = feed(parser, b"\r\n+FTPGET: 1,1\r\n\r\n+FTPGET: 2,3\r\nabc\r\nOK\r\n")
    assert events == [Urc("+FTPGET: 1,1"), DataBlock("+FTPGET: 2,3", b"abc"), Ok()]


def test_a_data_block_is_counted_even_with_nothing_in_flight():
    # the late answer of a read the host gave up on: its bytes must not be read as lines
    parser = AtParser()
    events = feed(parser, b"\r\n+FTPGET: 2,6\r\n\r\nOK\r\n\r\nOK\r\n")
    assert events == [DataBlock("+FTPGET: 2,6", b"\r\nOK\r\n"), Ok()]


def test_a_query_of_the_same_tag_takes_a_header_like_line_as_information():
    parser = AtParser()
    parser.expect("AT+FTPEXTGET?")
    assert feed(parser, b"\r\n+FTPEXTGET: 3,5\r\n\r\nOK\r\n") == [InformationLine("+FTPEXTGET: 3,5"), Ok()]


def test_untagged_answers_are_information_only_for_their_command():
    # AT+CGMM -> SIMCOM_SIM7080 / OK; the same text with nothing in flight is noise
    parser = AtParser()
    parser.expect("AT+CGMM")
    assert feed(parser, b"\r\nSIMCOM_SIM7080\r\n\r\nOK\r\n") == [InformationLine("SIMCOM_SIM7080"), Ok()]
    assert feed(parser, b"\r\nSIMCOM_SIM7080\r\n") == [Noise(b"SIMCOM_SIM7080")]


def test_boot_urcs_during_an_untagged_command_stay_urcs():
    parser = AtParser()
    parser.expect("AT+CGMR")
    events = feed(parser, b"\r\nRDY\r\n\r\nRevision:1951B16SIM7080\r\n\r\nSMS Ready\r\n\r\nOK\r\n")
    assert events == [Urc("RDY"), InformationLine("Revision:1951B16SIM7080"), Urc("SMS Ready"), Ok()]


# -- upload prompts ----------------------------------------------------------------------


def test_ok_before_the_transparent_prompt_keeps_the_command_in_flight():
    # AT+FTPETPUT=2  ->  OK, +FTPETPUT: 2,1 ... OK   (AN 5.14)
    parser = AtParser()
    parser.expect("AT+FTPETPUT=2")
    assert feed(parser, b"\r\nOK\r\n") == [Ok()]
    assert parser.in_flight is not None
    assert feed(parser, b"\r\n+FTPETPUT: 2,1\r\n") == [UploadPrompt("+FTPETPUT: 2,1", None)]
    assert feed(parser, b"\r\nOK\r\n") == [Ok()]
    assert parser.in_flight is None


def test_error_before_a_prompt_ends_the_command():
    # AT+FTPPUT=2,1000 before +FTPPUT: 1,1,1360 -> ERROR   (AN 5.6)
    parser = AtParser()
    parser.expect("AT+FTPPUT=2,1000")
    assert feed(parser, b"\r\nERROR\r\n") == [Error()]
    assert parser.in_flight is None


def test_put_window_urc_is_no_prompt():
    parser = AtParser()
    parser.expect("AT+FTPPUT=2,100")
    assert feed(parser, b"\r\n+FTPPUT: 1,1,1360\r\n\r\n+FTPPUT: 2,100\r\n") == [
        Urc("+FTPPUT: 1,1,1360"),
        UploadPrompt("+FTPPUT: 2,100", 100),
    ]


# -- echoes and noise ----------------------------------------------------------------------


def test_noise_stuck_to_the_front_of_an_echo():
    parser = AtParser()
    parser.expect("AT+CSQ")
    assert feed(parser, b"\xfe\x00AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n") == [
        Noise(b"\xfe\x00"),
        Echo("AT+CSQ"),
        InformationLine("+CSQ: 20,0"),
        Ok(),
    ]


def test_a_urc_ending_like_the_command_is_no_echo():
    parser = AtParser()
    parser.expect("AT")
    assert feed(parser, b"\r\n+CSTATE: BAT\r\n\r\nOK\r\n") == [Urc("+CSTATE: BAT"), Ok()]


def test_echo_of_an_abandoned_command_is_still_an_echo():
    parser = AtParser()
    assert feed(parser, b"AT+CSQ\r") == [Echo("AT+CSQ")]


def test_cme_error_number_and_text():
    parser = AtParser()
    parser.expect("AT+CPIN?")
    assert feed(parser, b"\r\n+CME ERROR: 10\r\n") == [CmeErrorResult(10, None)]
    parser.expect("AT+CPIN?")
    assert feed(parser, b"\r\n+CME ERROR: SIM not inserted\r\n") == [CmeErrorResult(None, "SIM not inserted")]


def test_an_endless_line_becomes_noise_and_the_next_answer_survives():
    parser = AtParser()
    parser.expect("AT")
    flood = bytes(random.Random(1).randrange(0x20, 0x7F) for _ in range(MAX_LINE + 10))
    events = feed(parser, flood) + feed(parser, b"\r\nOK\r\n")
    assert [e for e in events if not isinstance(e, Noise)] == [Ok()]
    assert b"".join(e.data for e in events if isinstance(e, Noise)) == flood


# -- data blocks and the escaped stream ----------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 2, 1459, 1460])
def test_blocks_of_every_size_and_content(size):
    rng = random.Random(size)
    payload = (b"\r\nOK\r\n\x03\x10" + bytes(rng.randrange(256) for _ in range(size)))[:size]
    stream = b"\r\n+FTPGET: 2,%d\r\n" % size + payload + b"\r\nOK\r\n"
    parser = AtParser()
    parser.expect("AT+FTPGET=2,1460")
    assert feed(parser, stream) == [DataBlock(f"+FTPGET: 2,{size}", payload), Ok()]


def test_escaped_stream_with_dle_at_the_end_of_a_piece():
    # payload 41 03 10 42 travels as 41 10 03 10 10 42 03 (reference 6.2)
    parser = AtParser()
    events = feed(parser, b"\r\n+FTPETGET: 1,1\r\n\x41\x10")
    events += feed(parser, b"\x03\x10")
    events += feed(parser, b"\x10\x42\x03\r\n+FTPETGET: 1,0\r\n")
    data = b"".join(e.data for e in events if isinstance(e, TransparentData))
    assert data == b"\x41\x03\x10\x42"
    assert [e for e in events if not isinstance(e, TransparentData)] == [
        Urc("+FTPETGET: 1,1"),
        TransparentEnd(),
        Urc("+FTPETGET: 1,0"),
    ]


def test_escaped_stream_keeps_a_leading_line_feed_of_the_payload():
    parser = AtParser()
    events = feed(parser, b"\r\n+FTPETGET: 1,1\r\n" + escape(b"\n\r\nOK\r\n") + b"\x03")
    assert b"".join(e.data for e in events if isinstance(e, TransparentData)) == b"\n\r\nOK\r\n"


def test_a_dle_before_an_ordinary_byte_keeps_the_byte():
    # not in the manual; the reference's lenient reading
    parser = AtParser()
    events = feed(parser, b"\r\n+FTPETGET: 1,1\r\na\x10bc\x03")
    assert b"".join(e.data for e in events if isinstance(e, TransparentData)) == b"abc"


# -- cost: linear in the bytes fed, whatever the split --------------------------------------------


class CountingSearch:
    def __init__(self, pattern) -> None:
        self.pattern = pattern
        self.scanned = 0

    def search(self, data, pos=0):
        found = self.pattern.search(data, pos)
        self.scanned += (found.end() if found else len(data)) - pos
        return found


def test_a_long_line_fed_byte_by_byte_is_scanned_once(monkeypatch):
    counter = CountingSearch(parser_module._LINE_END)
    monkeypatch.setattr(parser_module, "_LINE_END", counter)
    parser = AtParser()
    line = b"+X: " + b"7" * (MAX_LINE - 10)
    for i in range(len(line)):
        parser.feed(line[i : i + 1])
    assert parser.feed(b"\r\n") == [Urc(line.decode())]
    assert counter.scanned <= len(line) + 2  # a rescan would be about len(line)**2 / 2


def test_a_data_block_fed_byte_by_byte_is_never_searched(monkeypatch):
    counter = CountingSearch(parser_module._LINE_END)
    monkeypatch.setattr(parser_module, "_LINE_END", counter)
    parser = AtParser()
    parser.expect("AT+FTPGET=2,1460")
    parser.feed(b"\r\n+FTPGET: 2,1460\r\n")
    before = counter.scanned
    payload = (bytes(range(256)) * 6)[:1360] + b"\r\n" * 50
    events = []
    for i in range(len(payload)):
        events += parser.feed(payload[i : i + 1])
    events += parser.feed(b"\r\n")  # the CR LF that closes the block
    assert counter.scanned == before
    assert events == [DataBlock("+FTPGET: 2,1460", payload)]
