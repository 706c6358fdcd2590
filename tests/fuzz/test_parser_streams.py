"""Fuzz the driver's AtParser with what a module sends, cut anywhere.

One example is a few exchanges (module_streams.exchanges) one after the other, each
dressed with stray URCs at the points where a module may send them (before the echo,
between echo and response, after the final result) and with line noise between frames,
then cut at arbitrary points. For each exchange:

* the events of the cut stream equal those of the uncut stream;
* without the noise, they are the narrated events of the exchange with the URCs in
  their places; a block that noise separated from its CR LF is delivered marked not
  intact (so nobody trusts its data);
* over the whole run, the noise reported (plus what is still buffered) is exactly the
  noise injected, line ends aside.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from driver.events import DataBlock, Noise, TransparentData, Urc
from driver.parser import AtParser
from driver.response_shapes import shape_for
from tests.driver.exchanges import Exchange

from .budgets import frozen
from .module_streams import STRAY_URCS, exchanges, garbage

pytestmark = pytest.mark.fuzz


def normalised(events: list) -> list:
    """Adjacent TransparentData joined: how the stream is cut into them depends on the reads."""
    out: list = []
    for event in events:
        if isinstance(event, TransparentData) and out and isinstance(out[-1], TransparentData):
            out[-1] = TransparentData(out[-1].data + event.data)
        else:
            out.append(event)
    return out


@st.composite
def dressed(draw, exchange: Exchange) -> tuple[bytes, list, bytes]:
    """The exchange's bytes with URCs and noise between frames: (stream, the events without
    noise, the noise)."""
    info = shape_for(exchange.command).info_prefixes
    urcs = [u for u in STRAY_URCS if not u.startswith(info)]  # a URC with the answer's tag is the answer
    points = exchange.urc_points()
    inserted_urcs = draw(st.lists(st.tuples(st.sampled_from(points), st.sampled_from(urcs)), max_size=3))
    inserted_noise = draw(st.lists(st.tuples(st.integers(0, len(exchange.frames)), garbage()), max_size=2))
    stream, events, noise = bytearray(), [], bytearray()
    for i in range(len(exchange.frames) + 1):
        for point, text in inserted_urcs:
            if point == i:
                stream += b"\r\n" + text.encode() + b"\r\n"
                events.append(Urc(text))
        after_block = i > 0 and isinstance(exchange.frames[i - 1].events[-1], DataBlock)
        for point, junk in inserted_noise:
            if point == i:
                if after_block:
                    # noise between a block and its CR LF: the block is not intact
                    events[-1] = replace(events[-1], intact=junk.startswith(b"\r\n"))
                    after_block = False
                stream += junk
                noise += junk
        if i < len(exchange.frames):
            stream += exchange.frames[i].data
            events += exchange.frames[i].events
    return bytes(stream), events, bytes(noise)


def feed(parser: AtParser, stream: bytes, cuts: list[int]) -> list:
    edges = [0, *sorted(cuts), len(stream)]
    return [event for a, b in pairwise(edges) for event in parser.feed(stream[a:b])]


@frozen()
@given(data=st.data())
def test_any_cut_of_any_exchanges_gives_their_events_urcs_and_noise(data):
    whole_parser, cut_parser = AtParser(), AtParser()
    all_noise, reported = bytearray(), bytearray()
    for exchange in data.draw(st.lists(exchanges(), min_size=1, max_size=4), label="exchanges"):
        stream, expected, noise = data.draw(dressed(exchange), label=f"{exchange.command} dressed")
        cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=8), label="cuts")
        whole_parser.expect(exchange.command)
        cut_parser.expect(exchange.command)
        whole = normalised(whole_parser.feed(stream))
        pieces = normalised(feed(cut_parser, stream, cuts))
        assert pieces == whole, f"cut at {sorted(cuts)}: {stream!r}"
        assert [e for e in whole if not isinstance(e, Noise)] == expected, repr(stream)
        all_noise += noise
        reported += b"".join(e.data for e in whole if isinstance(e, Noise))
    reported += whole_parser.buffered()  # noise at the very end waits for a line end
    assert bytes(reported) == bytes(all_noise).replace(b"\r", b"").replace(b"\n", b"")
