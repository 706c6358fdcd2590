"""The line discipline: host bytes become command lines, raw counted data and DLE/ETX data.

Every stream is also fed cut at each boundary and byte by byte: the events,
once consecutive escaped chunks are joined, must not depend on the cut.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.core.lines import (
    DLE,
    ETX,
    MAX_LINE,
    CommandLine,
    EscapedChunk,
    EscapedEnd,
    LineReader,
    RawData,
)

# A line that opens a data phase, the way the core would open it, for these tests only.
RAW_COMMAND = b"AT+RAW="  # AT+RAW=<n>: n raw bytes follow
ESCAPED_COMMAND = b"AT+ESC"  # escaped bytes up to a bare ETX follow


def run(stream: bytes, cuts: list[int] = ()) -> list:
    """Feed `stream` cut at `cuts`, switching modes as the core would; return the events."""
    reader = LineReader()
    events = []
    bounds = [0, *cuts, len(stream)]
    for start, end in zip(bounds, bounds[1:]):
        reader.feed(stream[start:end])
        while (event := reader.next_event()) is not None:
            events.append(event)
            if isinstance(event, CommandLine) and event.text.startswith(RAW_COMMAND):
                reader.expect_raw(int(event.text[len(RAW_COMMAND) :]))
            elif isinstance(event, CommandLine) and event.text == ESCAPED_COMMAND:
                reader.expect_escaped()
    return joined(events)


def joined(events: list) -> list:
    """Consecutive escaped chunks as one: how the stream is chunked depends on the reads."""
    out = []
    for event in events:
        if isinstance(event, EscapedChunk) and out and isinstance(out[-1], EscapedChunk):
            out[-1] = EscapedChunk(out[-1].data + event.data)
        else:
            out.append(event)
    return out


def assert_split_independent(stream: bytes) -> list:
    whole = run(stream)
    for cut in range(1, len(stream)):
        assert run(stream, [cut]) == whole, f"cut at {cut}: {stream[:cut]!r} | {stream[cut:]!r}"
    assert run(stream, list(range(1, len(stream)))) == whole, "byte by byte"
    return whole


def escape(payload: bytes) -> bytes:
    return payload.replace(b"\x10", b"\x10\x10").replace(b"\x03", b"\x10\x03")


# -- command lines -----------------------------------------------------------------------


def test_a_line_is_the_text_from_at_to_cr():
    # host: AT<CR>
    assert assert_split_independent(b"AT\r") == [CommandLine(b"AT")]


def test_crlf_endings_give_the_same_lines_as_cr():
    # host: AT<CR><LF>ATI<CR><LF>: the LF is not part of the next line
    assert assert_split_independent(b"AT\r\nATI\r\n") == [CommandLine(b"AT"), CommandLine(b"ATI")]


def test_lines_without_at_are_dropped():
    # host: hello<CR>, an empty line, a lone LF: the module hears nothing it must answer
    assert assert_split_independent(b"hello\r\r\r\n\n\rAT\r") == [CommandLine(b"AT")]


def test_noise_before_at_is_dropped():
    # host: xyzAT+CSQ<CR> (line noise first): the line starts at AT
    assert assert_split_independent(b"xyzAT+CSQ\r") == [CommandLine(b"AT+CSQ")]


def test_at_is_found_in_any_case():
    assert assert_split_independent(b"at\raT\rAt\r") == [
        CommandLine(b"at"),
        CommandLine(b"aT"),
        CommandLine(b"At"),
    ]


def test_a_lone_a_before_at_is_noise():
    assert assert_split_independent(b"AAAT\r") == [CommandLine(b"AT")]


def test_binary_bytes_stay_in_the_line():
    body = bytes(b for b in range(256) if b != 0x0D)
    assert assert_split_independent(b"AT" + body + b"\r") == [CommandLine(b"AT" + body)]


def test_a_line_of_exactly_the_limit_is_a_command():
    line = b"AT" + b"x" * (MAX_LINE - 2)
    assert run(line + b"\r") == [CommandLine(line)]


def test_a_line_over_the_limit_is_marked_too_long_and_cut_whatever_the_split():
    # host: 560 characters and CR: too long; the text kept is bounded to the limit + 1
    line = b"AT" + bytes(range(0x20, 0x7F)) * 6
    assert len(line) > MAX_LINE + 1
    events = assert_split_independent(line + b"\rAT\r")
    assert events == [CommandLine(line[: MAX_LINE + 1], too_long=True), CommandLine(b"AT")]


def test_noise_does_not_count_toward_the_limit():
    # host: 1000 bytes of noise, then AT<CR>: the command is two characters long
    assert assert_split_independent(b"\xff" * 1000 + b"AT\r") == [CommandLine(b"AT")]


def test_an_at_across_the_noise_limit_is_still_found():
    # the A ends the noise, the T starts the next read
    stream = b"x" * (MAX_LINE + 10) + b"AT\r"
    assert run(stream, [MAX_LINE + 11]) == [CommandLine(b"AT")]


def test_a_huge_line_without_cr_keeps_the_reader_bounded():
    # 1 MB with no CR, then CR: one too-long line, and the reader never held the megabyte
    reader = LineReader()
    chunk = b"AT" + b"9" * 4094
    reader.feed(chunk)
    assert reader.next_event() is None
    for _ in range(255):
        reader.feed(b"9" * 4096)
        assert reader.next_event() is None
        assert len(reader._buf) == 0  # noqa: SLF001 (the bound is the point of this test)
    reader.feed(b"\rAT\r")
    assert reader.next_event() == CommandLine(chunk[: MAX_LINE + 1], too_long=True)
    assert reader.next_event() == CommandLine(b"AT")


# -- the raw counted phase ---------------------------------------------------------------------


def test_raw_phase_takes_exactly_n_bytes_whatever_they_are():
    # host: AT+RAW=12<CR>, then 12 bytes that look like lines and results, then AT<CR>
    payload = b"AT\r\r\nOK\r\n\x03\x10\x00"
    assert len(payload) == 12
    events = assert_split_independent(RAW_COMMAND + b"12\r" + payload + b"AT\r")
    assert events == [CommandLine(RAW_COMMAND + b"12"), RawData(payload), CommandLine(b"AT")]


def test_raw_phase_of_every_byte_value():
    payload = bytes(range(256))
    events = assert_split_independent(RAW_COMMAND + b"256\r" + payload + b"ATI\r")
    assert events[1:] == [RawData(payload), CommandLine(b"ATI")]


def test_raw_phase_counts_what_it_has_received():
    reader = LineReader()
    reader.expect_raw(5)
    reader.feed(b"abc")
    assert reader.next_event() is None
    assert (reader.mode, reader.raw_received) == ("raw", 3)
    reader.feed(b"deAT\r")
    assert reader.next_event() == RawData(b"abcde")
    assert reader.mode == "line"
    assert reader.next_event() == CommandLine(b"AT")


def test_a_raw_phase_of_zero_bytes_ends_at_once():
    reader = LineReader()
    reader.expect_raw(0)
    assert reader.next_event() == RawData(b"")
    assert reader.mode == "line"


def test_back_to_lines_drops_a_partial_raw_phase():
    # the phase timed out: what came so far is dropped, the next bytes are lines again
    reader = LineReader()
    reader.expect_raw(10)
    reader.feed(b"abc")
    assert reader.next_event() is None
    reader.expect_lines()
    assert reader.raw_received == 0
    reader.feed(b"AT\r")
    assert reader.next_event() == CommandLine(b"AT")


# -- the DLE/ETX escaped phase -------------------------------------------------------------------


def test_escaped_phase_reference_example():
    # reference 6.2: payload 41 03 10 42 is sent 41 10 03 10 10 42 03
    stream = ESCAPED_COMMAND + b"\r" + bytes.fromhex("41 10 03 10 10 42 03") + b"AT\r"
    assert assert_split_independent(stream) == [
        CommandLine(ESCAPED_COMMAND),
        EscapedChunk(bytes.fromhex("41 03 10 42")),
        EscapedEnd(),
        CommandLine(b"AT"),
    ]


def test_escaped_phase_ended_at_once():
    # a bare ETX first: an empty upload
    events = assert_split_independent(ESCAPED_COMMAND + b"\r\x03AT\r")
    assert events == [CommandLine(ESCAPED_COMMAND), EscapedEnd(), CommandLine(b"AT")]


def test_escaped_phase_carries_crs_and_at_lines_as_data():
    payload = b"AT\r\r\nOK\r\n\x10\x03"
    events = assert_split_independent(ESCAPED_COMMAND + b"\r" + escape(payload) + b"\x03ATI\r")
    assert events[1:] == [EscapedChunk(payload), EscapedEnd(), CommandLine(b"ATI")]


def test_escaped_phase_of_every_byte_value():
    payload = bytes(range(256)) * 2
    events = assert_split_independent(ESCAPED_COMMAND + b"\r" + escape(payload) + b"\x03")
    assert events[1:] == [EscapedChunk(payload), EscapedEnd()]


def test_a_dle_before_another_byte_keeps_that_byte():
    # reference 6.2 leaves DLE + other byte open; the module is lenient: DLE dropped
    events = run(ESCAPED_COMMAND + b"\r" + bytes([DLE]) + b"A" + bytes([ETX]))
    assert events[1:] == [EscapedChunk(b"A"), EscapedEnd()]


@settings(max_examples=200, deadline=None)
@given(
    payload=st.binary(max_size=64),
    cuts=st.lists(st.integers(min_value=1, max_value=200), max_size=8),
)
def test_escaped_upload_round_trips_under_any_cuts(payload, cuts):
    stream = ESCAPED_COMMAND + b"\r" + escape(payload) + b"\x03AT\r"
    cuts = sorted({c for c in cuts if c < len(stream)})
    events = run(stream, cuts)
    expected_data = [EscapedChunk(payload)] if payload else []
    assert events == [CommandLine(ESCAPED_COMMAND), *expected_data, EscapedEnd(), CommandLine(b"AT")]


# -- data toward the host ------------------------------------------------------------------------


def test_discarding_drops_what_the_host_sends_until_lines_again():
    # FTPETGET: while the module streams, host bytes are dropped
    reader = LineReader()
    reader.discard_input()
    reader.feed(b"AT\rAT\r")
    assert reader.next_event() is None
    reader.expect_lines()
    reader.feed(b"ATI\r")
    assert reader.next_event() == CommandLine(b"ATI")


@pytest.mark.parametrize("mode", ["raw", "escaped"])
def test_a_data_phase_leaves_the_bytes_after_it_to_the_line_reader(mode):
    reader = LineReader()
    if mode == "raw":
        reader.expect_raw(2)
        reader.feed(b"xyAT\r")
        assert reader.next_event() == RawData(b"xy")
    else:
        reader.expect_escaped()
        reader.feed(b"xy\x03AT\r")
        assert reader.next_event() == EscapedChunk(b"xy")
        assert reader.next_event() == EscapedEnd()
    assert reader.next_event() == CommandLine(b"AT")
    assert reader.next_event() is None
