"""The parser gives the same events however the module's bytes are cut, wherever URCs
and line noise fall between frames. The exchanges are in exchanges.py."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from driver.events import DataBlock, Echo, InformationLine, Noise, Ok, TransparentData
from driver.parser import AtParser

from .exchanges import EXCHANGES, STRAY_URCS, Exchange, urc

IDS = [e.name for e in EXCHANGES]
SHORT = [e for e in EXCHANGES if len(e.stream) <= 120]


def parse(exchange_command: str, pieces: list[bytes]) -> list:
    parser = AtParser()
    parser.expect(exchange_command)
    events = []
    for piece in pieces:
        events += parser.feed(piece)
    return normalised(events)


def normalised(events: list) -> list:
    """Adjacent TransparentData joined: how the stream is cut into them depends on the reads."""
    out: list = []
    for event in events:
        if isinstance(event, TransparentData) and out and isinstance(out[-1], TransparentData):
            out[-1] = TransparentData(out[-1].data + event.data)
        else:
            out.append(event)
    return out


def cut(data: bytes, points: list[int]) -> list[bytes]:
    edges = [0, *sorted(points), len(data)]
    return [data[a:b] for a, b in pairwise(edges)]


@pytest.mark.parametrize("exchange", EXCHANGES, ids=IDS)
def test_whole_stream_gives_the_narrated_events(exchange: Exchange):
    assert parse(exchange.command, [exchange.stream]) == exchange.events


@pytest.mark.parametrize("exchange", EXCHANGES, ids=IDS)
def test_every_single_split_point(exchange: Exchange):
    stream = exchange.stream
    for at in range(len(stream) + 1):
        assert parse(exchange.command, cut(stream, [at])) == exchange.events, f"split at {at}"


@pytest.mark.parametrize("exchange", EXCHANGES, ids=IDS)
def test_byte_by_byte(exchange: Exchange):
    stream = exchange.stream
    assert parse(exchange.command, [stream[i : i + 1] for i in range(len(stream))]) == exchange.events


@pytest.mark.parametrize("exchange", SHORT, ids=[e.name for e in SHORT])
def test_every_pair_of_split_points(exchange: Exchange):
    stream = exchange.stream
    for a in range(len(stream) + 1):
        for b in range(a, len(stream) + 1):
            assert parse(exchange.command, cut(stream, [a, b])) == exchange.events, f"splits at {a}, {b}"


def with_urc_at(exchange: Exchange, point: int, text: str) -> tuple[bytes, list]:
    frames = list(exchange.frames)
    frames.insert(point, urc(text))
    return b"".join(f.data for f in frames), [e for f in frames for e in f.events]


@pytest.mark.parametrize("exchange", EXCHANGES, ids=IDS)
def test_urcs_at_every_legal_point_and_every_split(exchange: Exchange):
    # e.g. AT+FTPGET=2,1024 with +FTPGET: 1,1 before the echo, between echo and
    # response, or after OK: still a URC, and the block still counted
    for point in exchange.urc_points():
        for text in STRAY_URCS:
            stream, expected = with_urc_at(exchange, point, text)
            for at in range(len(stream) + 1):
                got = parse(exchange.command, cut(stream, [at]))
                assert got == expected, f"{text} before frame {point}, split at {at}"


# Each piece between line ends holds a byte no module line has: printable noise
# while AT+CGMR is in flight would be indistinguishable from its answer.
GARBAGE = [b"\x00", b"\xff\xfe~#", b"x\x01\ry\x00", b"\n\n\x00\x10\x03", b"#%\xa0\r\n\x7f"]


@pytest.mark.parametrize("exchange", EXCHANGES, ids=IDS)
@pytest.mark.parametrize("garbage", GARBAGE, ids=[g.hex() for g in GARBAGE])
def test_noise_between_frames_is_reported_and_loses_nothing(exchange: Exchange, garbage: bytes):
    # a glitch on the line between two lines of the module: reported as Noise,
    # every real event still comes out, in order
    for point in range(len(exchange.frames) + 1):
        frames = [f.data for f in exchange.frames]
        frames.insert(point, garbage)
        stream = b"".join(frames)
        expected = exchange.events
        if point and any(isinstance(e, DataBlock) for e in exchange.frames[point - 1].events):
            # between a block's bytes and its CR LF the garbage breaks the framing: the
            # block is still delivered, marked as not intact, so nobody trusts its data
            expected = [replace(e, intact=False) if isinstance(e, DataBlock) else e for e in expected]
        for at in range(0, len(stream) + 1, 3):
            parser = AtParser()
            parser.expect(exchange.command)
            events = normalised([e for piece in cut(stream, [at]) for e in parser.feed(piece)])
            real = [e for e in events if not isinstance(e, Noise)]
            # noise at the very end stays buffered until a line end shows it is no line
            noise = b"".join(e.data for e in events if isinstance(e, Noise)) + parser.buffered()
            assert real == expected, f"garbage before frame {point}, split at {at}"
            assert noise == garbage.replace(b"\r", b"").replace(b"\n", b""), f"before frame {point}"


@given(data=st.data())
def test_sequences_of_exchanges_any_split(data):
    # several commands one after the other, with stray URCs after their results,
    # the bytes of each cut at random places
    parser = AtParser()
    for exchange in data.draw(st.lists(st.sampled_from(EXCHANGES), min_size=1, max_size=5)):
        point = data.draw(st.sampled_from(exchange.urc_points()))
        stream, expected = with_urc_at(exchange, point, data.draw(st.sampled_from(STRAY_URCS)))
        points = data.draw(st.lists(st.integers(0, len(stream)), max_size=8))
        parser.expect(exchange.command)
        events = []
        for piece in cut(stream, points):
            events += parser.feed(piece)
        assert normalised(events) == expected
        assert parser.buffered() == b""


# Noise that is no frame of its own: no `+` (no tag, no data header) and no line
# that reads OK or ERROR.
NOISE = st.binary(max_size=40).filter(
    lambda b: b"+" not in b and not {b"OK", b"ERROR"} & set(b.replace(b"\n", b"\r").split(b"\r"))
)


@given(noise=NOISE, points=st.lists(st.integers(0, 200), max_size=5))
def test_random_noise_never_hides_the_answer_after_it(noise, points):
    # AT+CSQ: noise on the line, then +CSQ: 20,0 / OK
    stream = noise + b"\r\n+CSQ: 20,0\r\n\r\nOK\r\n"
    parser = AtParser()
    parser.expect("AT+CSQ")
    events = [e for piece in cut(stream, [p % (len(stream) + 1) for p in points]) for e in parser.feed(piece)]
    real = [e for e in events if not isinstance(e, (Noise, Echo))]
    assert real[-2:] == [InformationLine("+CSQ: 20,0"), Ok()]


@given(st.binary(max_size=300))
def test_any_bytes_at_all_are_taken_without_error(data):
    parser = AtParser()
    parser.expect("AT+FTPGET=2,1460")
    parser.feed(data)
    assert len(parser.buffered()) <= max(len(data), 1)
