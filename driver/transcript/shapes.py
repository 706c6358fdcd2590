"""What a command or an answer looks like once its values are abstracted.

Relaxed replay matches the host's commands by shape; the conformance diff compares the
emulator's answers with a module's by shape.

    command_shape('AT+FTPSERV="10.1.2.3"')   'AT+FTPSERV=<s>'
    command_shape('AT+FTPPORT=2121')          'AT+FTPPORT=<n>'
    command_shape('AT+FTPGET=2,1460')         'AT+FTPGET=2,<n>'
    line_shape('+CNACT: 0,1,"10.94.36.44"')   '+CNACT: 0,1,<s>'
    line_shape('+FTPSIZE: 1,0,123456')        '+FTPSIZE: 1,0,<n>'
    line_shape('+FTPGET: 1,77')               '+FTPGET: 1,77'

Quoted strings are values (<s>). In a command a single digit is kept, because there it is
a mode, a context or a flag (AT+FTPGET=1 opens a session, =2 reads), and longer numbers
are values (<n>: ports, offsets, lengths). In an answer numbers of up to two digits are
kept: modes, states and result codes (`+FTPGET: 1,77`, `+CME ERROR: 3`); longer ones are
values (sizes, IMEI, times). Words (ACTIVE, READY) are kept; other tokens (an unquoted
address, a revision) are <v>; a line without a tag that is no known URC is <text>.
"""

from __future__ import annotations

import re

from ..events import CmeErrorResult, DataBlock, Echo, Error, InformationLine, Noise, Ok, UploadPrompt, Urc
from ..parser import BARE_URCS
from ..response_shapes import split_commands
from .exchanges import EscapedStream, Item

_TAG = re.compile(r"([+*][A-Za-z0-9 ]+:)\s*(.*)$", re.S)
_EXTENDED = re.compile(r"([+*$#%^][A-Za-z0-9]+)(.*)$", re.S)
_NUMBER = re.compile(r"-?\d+")
_WORD = re.compile(r"[A-Za-z][A-Za-z _-]*")
_FIELD = re.compile(r'\s*("[^"]*"?|[^,]*)\s*(?:,|$)')
_REQUEST = re.compile(r"AT\+(?:FTPGET|FTPLIST)=2,(\d+)$|AT\+FTPEXTGET=3,\d+,(\d+)$", re.I)

COMMAND_DIGITS = 1  # numbers kept literally in commands
ANSWER_DIGITS = 2  # and in answers


def command_shape(text: str) -> str:
    """A command line (without its CR) with its values abstracted; other text is kept."""
    line = text.strip()
    if line[:2].upper() != "AT":
        return line
    parts = []
    for part in split_commands(line[2:]):
        match = _EXTENDED.match(part.strip())
        if match is None:  # a basic command (E0, I, &F): all of it is the command
            parts.append(part.strip().upper())
            continue
        name, rest = match.group(1).upper(), match.group(2).strip()
        if rest.startswith("=") and rest != "=?":
            rest = "=" + _fields(rest[1:], COMMAND_DIGITS)
        parts.append(name + rest)
    return "AT" + ";".join(parts)


def line_shape(text: str) -> str:
    """A line the module sent, with its values abstracted."""
    match = _TAG.match(text)
    if match is None:
        return text if text.startswith(BARE_URCS) else "<text>"
    rest = match.group(2)
    return f"{match.group(1)} {_fields(rest, ANSWER_DIGITS)}" if rest else match.group(1)


def item_shape(item: Item | object, command: str | None = None) -> str:
    """One thing the module sent; `command` (the line in flight) tells a full data block from
    a short one."""
    event = item.event if isinstance(item, Item) else item
    if isinstance(event, Echo):
        return "echo"
    if isinstance(event, Ok):
        return "OK"
    if isinstance(event, Error):
        return "ERROR"
    if isinstance(event, CmeErrorResult):
        return f"+CME ERROR: {event.code if event.code is not None else event.text}"
    if isinstance(event, InformationLine):
        return line_shape(event.text)
    if isinstance(event, Urc):
        return f"URC {line_shape(event.text)}"
    if isinstance(event, DataBlock):
        tag = event.header[: event.header.rfind(",") + 1]
        return f"{tag}<n> + {_length_class(len(event.data), _requested(command))} block"
    if isinstance(event, UploadPrompt):
        return f"prompt {line_shape(event.text)}"
    if isinstance(event, EscapedStream):
        return "escaped stream" + (" (empty)" if not event.data else "")
    if isinstance(event, Noise):
        return "noise"
    return type(event).__name__


def is_unsolicited(item: Item | object) -> bool:
    """URCs, escaped streams and noise: things that come when they come, not as an answer."""
    event = item.event if isinstance(item, Item) else item
    return isinstance(event, Urc | EscapedStream | Noise)


def _fields(text: str, digits: int) -> str:
    shapes, at = [], 0
    while True:
        match = _FIELD.match(text, at)
        shapes.append(_field(match.group(1), digits))
        if match.end() >= len(text):
            if text.rstrip().endswith(",") and match.group(1):
                shapes.append("")
            return ",".join(shapes)
        at = match.end()


def _field(field: str, digits: int) -> str:
    if field.startswith('"'):
        return "<s>"
    if _NUMBER.fullmatch(field):
        return field if len(field.lstrip("-")) <= digits else "<n>"
    if not field or _WORD.fullmatch(field) or field.startswith("("):
        return field
    return "<v>"


def _requested(command: str | None) -> int | None:
    match = _REQUEST.match(command.strip()) if command else None
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def _length_class(length: int, requested: int | None) -> str:
    if length == 0:
        return "empty"
    if requested is None:
        return "non-empty"
    if length == requested:
        return "full"
    return "short" if length < requested else "over-long"
