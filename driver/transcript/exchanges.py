"""A transcript cut into exchanges: one thing the host wrote, and what the module sent after it.

    for exchange in split_exchanges(read_transcript("run.jsonl")):
        exchange.unit     # HostUnit: a command line (with its CR) or a payload; None for the first
        exchange.chunks   # the module's bytes from then until the host's next unit began
        exchange.items    # the same bytes parsed by the driver's AtParser (lines, blocks, URCs)

The host's bytes are command lines, except after an upload prompt (`+FTPPUT: 2,<n>`,
`+FTPEXTPUT: <pos>,<n>`, `+FTPETPUT: 2,1`): then a payload of the prompted length, or
DLE/ETX-escaped up to a bare ETX. The module's bytes are read by the same AtParser the
driver uses, told each command line as it completes, so a transcript is understood the
way the driver understood the line. Renderer, replay and conformance diff build on this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..escaping import TransparentDecoder
from ..events import Event as ParserEvent
from ..events import TransparentData, TransparentEnd, UploadPrompt
from ..parser import AtParser
from .format import TO_MODULE, Event
from .reader import Transcript

LINE, PAYLOAD, ESCAPED = "line", "payload", "escaped"
CR, LF = 0x0D, 0x0A


@dataclass(frozen=True, slots=True)
class HostUnit:
    kind: str  # LINE, PAYLOAD or ESCAPED
    data: bytes  # as written: a line with its CR, an escaped payload with its ETX
    start: float  # when its first byte was written
    end: float  # when its last byte was written

    @property
    def text(self) -> str:
        """A line without its CR (latin-1, byte for byte); a payload's bytes likewise."""
        data = self.data[:-1] if self.kind == LINE and self.data.endswith(b"\r") else self.data
        return data.decode("latin-1")

    @property
    def complete(self) -> bool:
        if self.kind == LINE:
            return self.data.endswith(b"\r")
        return True


@dataclass(frozen=True, slots=True)
class EscapedStream:
    """A DLE/ETX-escaped stream from the module (FTPETGET), decoded and in one piece."""

    data: bytes


@dataclass(frozen=True, slots=True)
class Unfinished:
    """Bytes at the end of the recording that never became a line or a block."""

    data: bytes


@dataclass(frozen=True, slots=True)
class Item:
    at: float  # when the chunk that completed it arrived
    event: ParserEvent | EscapedStream | Unfinished


@dataclass
class Exchange:
    index: int
    unit: HostUnit | None  # None: what the module sent before the host's first byte
    chunks: list[Event] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def at(self) -> float:
        if self.unit is not None:
            return self.unit.start
        return self.chunks[0].t if self.chunks else 0.0


class HostSplitter:
    """The host's bytes into units (h11 style: `feed()`, then `next_unit()` until None;
    between units, `expect_payload()` says how the next bytes are to be read)."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._base = 0  # stream offset of _buf[0]
        self._times: list[tuple[int, float]] = []  # (stream offset where a piece began, its time)
        self._kind = LINE
        self._length = 0
        self._decoder = TransparentDecoder()
        self._scanned = 0  # bytes of _buf already searched (CR) or decoded (ETX)
        self._after_cr = False  # an LF right after a line's CR belongs to no unit

    def expect_payload(self, length: int | None) -> None:
        """The next unit is a payload of `length` bytes, or escaped (None) up to a bare ETX."""
        self._kind = ESCAPED if length is None else PAYLOAD
        self._after_cr = False  # a payload may well begin with LF
        self._length = length or 0
        self._decoder = TransparentDecoder()
        self._scanned = 0

    def expect_line(self) -> None:
        self._kind, self._scanned = LINE, 0

    @property
    def expecting(self) -> str:
        return self._kind

    @property
    def pending_since(self) -> float | None:
        """When the first byte of the unit being written arrived; None if none is."""
        self._skip_lf()
        return self._time_at(self._base) if self._buf else None

    def feed(self, data: bytes, t: float) -> None:
        if data:
            self._times.append((self._base + len(self._buf), t))
            self._buf += data

    def next_unit(self) -> HostUnit | None:
        self._skip_lf()
        end = self._unit_end()
        if end is None:
            return None
        unit = HostUnit(self._kind, bytes(self._buf[:end]), self._time_at(self._base),
                        self._time_at(self._base + end - 1))  # fmt: skip
        self._consume(end)
        self._after_cr = unit.kind == LINE
        self.expect_line()
        return unit

    def take_rest(self) -> HostUnit | None:
        """An unfinished unit (the recording ended mid-line), if any."""
        self._skip_lf()
        if not self._buf:
            return None
        unit = HostUnit(self._kind, bytes(self._buf), self._time_at(self._base), self._times[-1][1])
        self._consume(len(self._buf))
        return unit

    def _skip_lf(self) -> None:
        if self._after_cr and self._buf and self._kind == LINE:
            self._after_cr = False
            if self._buf[0] == LF:
                self._consume(1)

    def _unit_end(self) -> int | None:
        buf = self._buf
        if not buf:
            return None
        if self._kind == LINE:
            at = buf.find(b"\r", self._scanned)
            if at < 0:
                self._scanned = len(buf)
                return None
            return at + 1
        if self._kind == PAYLOAD:
            return self._length if len(buf) >= self._length else None
        _, used, ended = self._decoder.decode(buf, self._scanned)
        self._scanned = used
        return used if ended else None

    def _consume(self, count: int) -> None:
        del self._buf[:count]
        self._base += count
        self._scanned = 0
        # keep the last piece that began at or before the new start: it holds the bytes left
        first = 0
        for i, (start, _) in enumerate(self._times):
            if start <= self._base:
                first = i
        self._times = self._times[first:]

    def _time_at(self, offset: int) -> float:
        when = self._times[0][1]
        for start, t in self._times:
            if start > offset:
                break
            when = t
        return when


def split_exchanges(transcript: Transcript | Iterable[Event]) -> list[Exchange]:
    events = transcript.events if isinstance(transcript, Transcript) else tuple(transcript)
    parser = AtParser()
    host = HostSplitter()
    exchanges = [Exchange(0, None)]
    opened = False  # the last exchange belongs to a unit still being written
    stream: bytearray | None = None
    receiving = exchanges[0]  # the exchange of the module's latest bytes
    for event in events:
        if event.direction == TO_MODULE:
            host.feed(event.data, event.t)
            while (unit := host.next_unit()) is not None:
                if opened:
                    exchanges[-1].unit = unit
                else:
                    exchanges.append(Exchange(len(exchanges), unit))
                opened = False
                if unit.kind == LINE:
                    parser.expect(_command_or_none(unit.text))
            if host.pending_since is not None and not opened:
                pending = HostUnit(host.expecting, b"", host.pending_since, host.pending_since)
                exchanges.append(Exchange(len(exchanges), pending))
                opened = True
            continue
        current = receiving = exchanges[-1]
        current.chunks.append(event)
        for parsed in parser.feed(event.data):
            if isinstance(parsed, UploadPrompt):
                host.expect_payload(parsed.length)
            if isinstance(parsed, TransparentData):
                if stream is None:
                    stream = bytearray()
                stream += parsed.data
                continue
            if isinstance(parsed, TransparentEnd):
                current.items.append(Item(event.t, EscapedStream(bytes(stream or b""))))
                stream = None
                continue
            current.items.append(Item(event.t, parsed))
    rest = host.take_rest()
    if rest is not None:
        if opened:
            exchanges[-1].unit = rest
        else:
            exchanges.append(Exchange(len(exchanges), rest))
    at = receiving.chunks[-1].t if receiving.chunks else 0.0
    if stream:  # the recording ended inside an escaped stream
        receiving.items.append(Item(at, EscapedStream(bytes(stream))))
    if parser.buffered():
        receiving.items.append(Item(at, Unfinished(parser.buffered())))
    return exchanges


def _command_or_none(text: str) -> str | None:
    return text if text[:2].upper() == "AT" else None
