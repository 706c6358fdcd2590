"""Line discipline: turns the host's bytes into command lines and data phases.

h11-style: `feed()` bytes, then take events one at a time with `next_event()`,
because handling one event (a command that opens a data phase) changes how
the bytes after it must be read.
"""

from dataclasses import dataclass

CR, LF = 0x0D, 0x0A
ETX, DLE = 0x03, 0x10  # transparent-mode delimiters, M105 15.2.24/25

MAX_LINE = 559  # characters a command line may hold, M105 1.4.4


@dataclass(frozen=True, slots=True)
class CommandLine:
    """A line that starts with AT (any case), without its CR.

    `too_long` past MAX_LINE characters; the text is then cut to MAX_LINE + 1, so a
    line is handled (and echoed) the same however its bytes were split.
    """

    text: bytes
    too_long: bool = False


@dataclass(frozen=True, slots=True)
class RawData:
    """The complete payload of a length-counted data phase."""

    data: bytes


@dataclass(frozen=True, slots=True)
class EscapedChunk:
    """Decoded bytes of an ETX-terminated phase, as they arrive."""

    data: bytes


@dataclass(frozen=True, slots=True)
class EscapedEnd:
    """The unescaped ETX that ends a transparent upload."""


class LineReader:
    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.max_line = max_line
        self._buf = bytearray()
        self._scanned = 0  # bytes of _buf already searched for CR
        self._mode = "line"
        self._raw_wanted = 0
        self._raw_parts: list[bytes] = []
        self._raw_have = 0
        self._dle_pending = False
        self._pending_end = False
        self._overflow: bytes | None = None  # the cut text of an over-long line until its CR

    # -- modes, switched by the core between events ------------------------------

    def expect_raw(self, length: int) -> None:
        self._mode, self._raw_wanted, self._raw_parts, self._raw_have = "raw", length, [], 0

    def expect_escaped(self) -> None:
        self._mode, self._dle_pending = "escaped", False

    def discard_input(self) -> None:
        """Data mode toward the host (FTPETGET): what the host sends is dropped."""
        self._mode = "discard"
        self._buf.clear()
        self._scanned = 0

    def expect_lines(self) -> None:
        """Back to command mode; a partial data phase is dropped."""
        self._mode, self._raw_parts, self._raw_have = "line", [], 0

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def raw_received(self) -> int:
        return self._raw_have

    # -- bytes in, events out ----------------------------------------------------

    def feed(self, data: bytes) -> None:
        if self._mode == "discard":
            return
        self._buf += data

    def next_event(self):
        if self._pending_end:
            self._pending_end = False
            return EscapedEnd()
        if self._mode == "line":
            return self._next_line()
        if self._mode == "raw":
            return self._next_raw()
        if self._mode == "escaped":
            return self._next_escaped()
        self._buf.clear()
        return None

    def _next_line(self):
        buf = self._buf
        while True:
            cr = buf.find(b"\r", self._scanned)
            if cr < 0:
                self._bound_partial_line()
                self._scanned = len(buf)
                return None
            line = bytes(buf[:cr])
            end = cr + 1
            if end < len(buf) and buf[end] == LF:
                end += 1
            del buf[:end]
            self._scanned = 0
            overflow, self._overflow = self._overflow, None
            if overflow is not None:
                return CommandLine(overflow, too_long=True)
            event = _command_line(line, self.max_line)
            if event is not None:
                return event

    def _bound_partial_line(self) -> None:
        """Keep memory bounded while a line goes on without its CR.

        Noise before AT is dropped at once (it would be at the CR anyway), and a
        command past max_line is kept only as far as CommandLine keeps it.
        """
        buf = self._buf
        if self._overflow is not None:
            buf.clear()
            return
        start = 0 if buf[:2].upper() == b"AT" else _find_at(buf)
        if start < 0:
            keep = 1 if buf[-1:] in (b"A", b"a") else 0  # it may be the A of an AT
            del buf[: len(buf) - keep]
        elif len(buf) - start > self.max_line:
            self._overflow = bytes(buf[start : start + self.max_line + 1])
            buf.clear()
        else:
            del buf[:start]

    def _next_raw(self):
        take = min(self._raw_wanted - self._raw_have, len(self._buf))
        if take:
            self._raw_parts.append(bytes(self._buf[:take]))
            del self._buf[:take]
            self._raw_have += take
        if self._raw_have < self._raw_wanted:
            return None
        data = b"".join(self._raw_parts)
        self.expect_lines()
        return RawData(data)

    def _next_escaped(self):
        buf = self._buf
        if not buf:
            return None
        out = bytearray()
        i, n = 0, len(buf)
        if self._dle_pending:
            out.append(buf[0])
            self._dle_pending = False
            i = 1
        while i < n:
            dle = buf.find(DLE, i)
            etx = buf.find(ETX, i)
            if etx >= 0 and (dle < 0 or etx < dle):
                out += buf[i:etx]
                del buf[: etx + 1]
                self._mode = "line"
                self._scanned = 0
                # the end marker is delivered after the bytes before it
                if out:
                    self._pending_end = True
                    return EscapedChunk(bytes(out))
                return EscapedEnd()
            if dle < 0:
                out += buf[i:]
                i = n
                break
            out += buf[i:dle]
            if dle + 1 < n:
                out.append(buf[dle + 1])  # DLE X -> X; lenient for X other than DLE/ETX
                i = dle + 2
            else:
                self._dle_pending = True
                i = n
        del buf[:i]
        return EscapedChunk(bytes(out)) if out else None


def _command_line(line: bytes, max_line: int) -> CommandLine | None:
    # A module hunts for "AT": whatever precedes it on the line is noise.
    start = _find_at(line)
    if start < 0:
        return None
    text = line[start:]
    if len(text) > max_line:
        return CommandLine(text[: max_line + 1], too_long=True)
    return CommandLine(text)


def _find_at(line: bytes) -> int:
    i = 0
    while True:
        i = _find_a(line, i)
        if i < 0 or i + 1 >= len(line):
            return -1
        if line[i + 1] in b"Tt":
            return i
        i += 1


def _find_a(line: bytes, start: int) -> int:
    upper, lower = line.find(b"A", start), line.find(b"a", start)
    if upper < 0:
        return lower
    if lower < 0:
        return upper
    return min(upper, lower)
