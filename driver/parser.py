"""AtParser: the module's bytes in, typed events out. No I/O (h11 style).

    parser = AtParser()
    parser.expect("AT+FTPGET=2,1460")       # the channel names the command in flight
    for event in parser.feed(chunk): ...    # any split of the stream gives the same events

Three ways of reading, switched by what the bytes announce:

* lines, ended by CR or LF (an echo ends in a lone CR; everything else in CR LF);
* a block of announced length after `+FTPGET: 2,<n>`, `+FTPLIST: 2,<n>` or
  `+FTPEXTGET: 3,<n>`: exactly n bytes are counted, never searched, so binary data
  holding `\\r\\nOK\\r\\n` is just data; the `\\r\\nOK\\r\\n` after it is read as lines;
* the DLE/ETX-escaped stream after the URC `+FTPETGET: 1,1`, up to a bare ETX.

Whether a line belongs to the command in flight or is a URC depends on that
command (see response_shapes); the parser forgets the command at its final result.
"""

from __future__ import annotations

import re

from .escaping import TransparentDecoder
from .events import (
    CmeErrorResult,
    DataBlock,
    Echo,
    Error,
    Event,
    InformationLine,
    Noise,
    Ok,
    TransparentData,
    TransparentEnd,
    UploadPrompt,
    Urc,
)
from .response_shapes import DATA_HEADERS, ResponseShape, shape_for

CR, LF = 0x0D, 0x0A
MAX_LINE = 4096  # longer than any line the module sends; beyond it the bytes are noise
CME_ERROR = "+CME ERROR: "
TRANSPARENT_GET_START = "+FTPETGET: 1,1"  # M105 15.2.25: the escaped file follows this URC

# URCs without a `+TAG:` (M105 22.3 and the boot sequence, reference section 8)
BARE_URCS = (
    "RDY", "SMS Ready", "NORMAL POWER DOWN", "UNDER-VOLTAGE POWER DOWN", "UNDER-VOLTAGE WARNNING",
    "OVER-VOLTAGE POWER DOWN", "OVER-VOLTAGE WARNNING", "DST:", "Call Ready",
)  # fmt: skip

_LINE_END = re.compile(rb"[\r\n]")
_TAGGED = re.compile(r"[+*][A-Za-z0-9 ]+:")
_COUNT = re.compile(r"(\d+)$")
_EXTPUT_PROMPT = re.compile(r"(\d+),(\d+)$")

_LINES, _BLOCK, _TRAILER, _ESCAPED = "lines", "block", "trailer", "escaped"
_BLOCK_TRAILER = b"\r\n"  # what follows the n bytes of a block, before the final result


def looks_like_urc(text: str) -> bool:
    return bool(_TAGGED.match(text)) or text.startswith(BARE_URCS)


class AtParser:
    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.max_line = max_line
        self._buf = bytearray()
        self._searched = 0  # bytes at the front of _buf known to hold no line end
        self._after_cr = False  # the last line ended in CR: an LF right after it is part of that end
        self._mode = _LINES
        self._block_header = ""
        self._block_left = 0
        self._block = bytearray()
        self._decoder = TransparentDecoder()
        self._shape: ResponseShape | None = None
        self._echo_seen = False
        self._prompt_seen = False
        self._information_seen = False

    # -- context from the channel ---------------------------------------------------

    def expect(self, command: str | ResponseShape | None) -> None:
        """The command line now in flight (or None). Call it before the line is sent."""
        if isinstance(command, str):
            command = shape_for(command)
        self._shape = command
        self._echo_seen = False
        self._prompt_seen = False
        self._information_seen = False

    @property
    def in_flight(self) -> ResponseShape | None:
        """The command whose response is being read; None once its final result came."""
        return self._shape

    @property
    def mode(self) -> str:
        """How bytes are read now: "lines", "block" (counting a data block) or "escaped"."""
        return self._mode

    def buffered(self) -> bytes:
        """Bytes received and not yet part of an event (an unfinished line)."""
        return bytes(self._buf)

    # -- bytes in, events out ------------------------------------------------------

    def feed(self, data: bytes) -> list[Event]:
        """Take the next bytes of the stream; return the events they complete, in order."""
        self._buf += data
        events: list[Event] = []
        while self._buf:
            if self._after_cr:
                self._after_cr = False
                if self._buf[0] == LF:
                    del self._buf[:1]
                    continue
            if self._mode == _LINES:
                progressed = self._take_line(events)
            elif self._mode == _BLOCK:
                progressed = self._take_block(events)
            elif self._mode == _TRAILER:
                progressed = self._take_trailer(events)
            else:
                progressed = self._take_escaped(events)
            if not progressed:
                break
        return events

    # -- lines ------------------------------------------------------------------------

    def _take_line(self, events: list[Event]) -> bool:
        buf = self._buf
        end = _LINE_END.search(buf, self._searched)
        if end is None:
            self._searched = len(buf)
            if len(buf) > self.max_line:
                events.append(Noise(bytes(buf)))
                buf.clear()
                self._searched = 0
            return False
        at = end.start()
        line = bytes(buf[:at])
        self._after_cr = buf[at] == CR
        del buf[: at + 1]
        self._searched = 0
        if line:
            self._classify(line, events)
        return True

    def _classify(self, line: bytes, events: list[Event]) -> None:
        text = line.decode("latin-1")
        shape = self._shape
        if shape is not None and not self._echo_seen and _is_echo(text, shape.command):
            self._echo_seen = True
            junk = len(text) - len(shape.command)
            if junk:
                events.append(Noise(line[:junk]))
            events.append(Echo(shape.command))
            return
        if text == "OK":
            self._final(Ok(), events)
            return
        if text == "ERROR":
            self._final(Error(), events)
            return
        if text.startswith(CME_ERROR):
            detail = text[len(CME_ERROR) :].strip()
            if detail.isdigit():
                self._final(CmeErrorResult(int(detail), None), events)
            else:
                self._final(CmeErrorResult(None, detail), events)
            return
        if shape is not None and shape.prompt and text.startswith(shape.prompt):
            prompt = _prompt(text, shape.prompt)
            if prompt is not None:
                self._prompt_seen = True
                events.append(prompt)
                return
        if self._is_data_header(text, shape):
            self._begin_block(text, events)
            return
        if text == TRANSPARENT_GET_START:
            events.append(Urc(text))
            self._mode = _ESCAPED
            self._decoder = TransparentDecoder()
            return
        if shape is not None and shape.is_information(text):
            self._information_seen = True
            events.append(InformationLine(text))
        elif looks_like_urc(text):
            events.append(Urc(text))
        elif shape is not None and shape.untagged_info and _is_plain_text(text):
            events.append(InformationLine(text))
        elif text[:2].upper() == "AT":
            events.append(Echo(text))  # the echo of a command given up on, or typed by someone else
        else:
            events.append(Noise(line))

    def _final(self, result, events: list[Event]) -> None:
        shape = self._shape
        if shape is not None:
            preamble = shape.ok_before_prompt and not self._prompt_seen and isinstance(result, Ok)
            late = shape.final_after_information and not self._information_seen
            if not (preamble or late):
                self._shape = None  # anything after this is unsolicited
        events.append(result)

    # -- length-counted blocks ------------------------------------------------------------

    def _is_data_header(self, text: str, shape: ResponseShape | None) -> bool:
        header = next((h for h in DATA_HEADERS if text.startswith(h)), None)
        if header is None or not text[len(header) :].isdigit():
            return False
        # a read query of the same tag answers an information line, not a block
        return shape is None or not shape.is_information(text)

    def _begin_block(self, text: str, events: list[Event]) -> None:
        length = int(_COUNT.search(text).group(1))
        self._block_header = text
        self._block_left = length
        self._block = bytearray()
        self._mode = _BLOCK if length else _TRAILER

    def _take_block(self, events: list[Event]) -> bool:
        count = min(self._block_left, len(self._buf))
        self._block += self._buf[:count]
        del self._buf[:count]
        self._block_left -= count
        if self._block_left:
            return False
        self._mode = _TRAILER
        return True

    def _take_trailer(self, events: list[Event]) -> bool:
        """The block is only complete with the CR LF after it; anything else means lost bytes."""
        buf = self._buf
        if len(buf) < len(_BLOCK_TRAILER) and _BLOCK_TRAILER.startswith(bytes(buf)):
            return False
        intact = buf.startswith(_BLOCK_TRAILER)
        if intact:
            del buf[: len(_BLOCK_TRAILER)]
        events.append(DataBlock(self._block_header, bytes(self._block), intact))
        self._block = bytearray()
        self._mode = _LINES
        self._searched = 0
        return True

    # -- DLE/ETX stream -----------------------------------------------------------------

    def _take_escaped(self, events: list[Event]) -> bool:
        data, used, ended = self._decoder.decode(self._buf)
        del self._buf[:used]
        if data:
            events.append(TransparentData(data))
        if not ended:
            return False
        events.append(TransparentEnd())
        self._mode = _LINES
        self._searched = 0
        return True


def _is_plain_text(text: str) -> bool:
    # Untagged answers (revision, model, IMEI, ATI) are printable ASCII; a line with
    # other bytes is noise. Printable noise during such a command cannot be told apart.
    return text.isascii() and text.isprintable()


def _is_echo(text: str, command: str) -> bool:
    if text == command:
        return True
    # Garbage may stick to the front of an echo, which has no CR LF before it; a
    # URC that merely ends like the command (`+X: BAT` for `AT`) is no echo.
    return text.endswith(command) and not looks_like_urc(text)


def _prompt(text: str, prefix: str) -> UploadPrompt | None:
    rest = text[len(prefix) :]
    if prefix == "+FTPETPUT: 2,":
        return UploadPrompt(text, None)
    if prefix == "+FTPEXTPUT: ":
        match = _EXTPUT_PROMPT.match(rest)
        if match is None:
            return None
        return UploadPrompt(text, int(match.group(2)), int(match.group(1)))
    if rest.isdigit():
        return UploadPrompt(text, int(rest))
    return None
