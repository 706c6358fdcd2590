"""Keep secrets out of transcripts, error messages and logs.

Two kinds of secret:

* the value of a command that carries one: AT+FTPPW and AT+FTPUN, and any command the
  user names. `AT+FTPPW="s3cret"` becomes `AT+FTPPW="***"` wherever it appears: in the
  host's line, in the module's echo of it (ATE1), in a `+FTPPW: "…"` read answer. The
  mask runs to the last quote on the line (or to its end, unquoted), so a value holding
  `;` or `,` cannot leak a tail; a command joined after it on the same line is masked too.
* literal values the user names (the FTP password itself, in case a test puts it in a
  file): each occurrence becomes as many `*`, so byte counts of data blocks stay true.

`StreamRedactor` does the same for a stream cut into arbitrary pieces: it holds back
the bytes that may be the start of a secret until the piece that decides it arrives.

The process has one current redactor (`current()`); `configure()` replaces it and
`add_values()` extends it. Error messages and transcripts use it unless given another.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

DEFAULT_COMMANDS = ("FTPPW", "FTPUN")
MASK = b'"***"'
MIN_VALUE_LENGTH = 4  # shorter literals would mask ordinary data ("ab" in every file)
HOLD_LIMIT = 64 * 1024  # a "line" with a marker and no line end for this long is released masked

_NAME = re.compile(r"[A-Z0-9&]+")
_LINE_END = re.compile(rb"[\r\n]")


def _command_name(name: str) -> str:
    text = name.strip().upper()
    if text.startswith("AT"):
        text = text[2:]
    text = text.lstrip("+")
    if not _NAME.fullmatch(text):
        raise ValueError(f"{name!r} is not an AT command name (e.g. FTPPW or AT+CNCFG)")
    return text


def _literal(value: str | bytes) -> bytes:
    data = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    if len(data) < MIN_VALUE_LENGTH:
        raise ValueError(f"a literal secret needs at least {MIN_VALUE_LENGTH} bytes, got {len(data)}")
    if _LINE_END.search(data):
        raise ValueError("a literal secret cannot hold CR or LF")
    return data


class Redactor:
    """Masks the values of `commands` and every occurrence of `values`."""

    def __init__(self, commands: Iterable[str] = DEFAULT_COMMANDS, values: Iterable[str | bytes] = ()) -> None:
        self.commands = tuple(dict.fromkeys(_command_name(c) for c in commands))
        self.values = tuple(sorted({_literal(v) for v in values}, key=len, reverse=True))
        names = b"|".join(re.escape(c.encode()) for c in self.commands)
        # `=` (a write) or `:` (a read answer), but not `=?` (a test command holds no value)
        self._command = (
            re.compile(rb"(\+(?:" + names + rb")[ \t]*(?:=(?!\?(?:[\r\n;]|$))|:)[ \t]*)(\"[^\r\n]*\"|[^\r\n]*)", re.I)
            if self.commands
            else None
        )
        self._marker = re.compile(rb"\+(?:" + names + rb")", re.I) if self.commands else None
        self._values = re.compile(b"|".join(re.escape(v) for v in self.values)) if self.values else None
        self._prefixes = [b"+" + c.encode() for c in self.commands]

    def extended(self, commands: Iterable[str] = (), values: Iterable[str | bytes] = ()) -> Redactor:
        return Redactor((*self.commands, *commands), (*self.values, *values))

    def redact(self, data: bytes) -> bytes:
        """`AT+FTPPW="secret"` becomes `AT+FTPPW="***"`; literal values become `*`s."""
        data = self.mask_values(data)
        if self._command is not None:
            data = self._command.sub(lambda m: m.group(1) + MASK, data)
        return data

    def mask_values(self, data: bytes) -> bytes:
        """Only the literal values, each as many `*` as it has bytes."""
        data = bytes(data)
        if self._values is not None:
            data = self._values.sub(lambda m: b"*" * len(m.group()), data)
        return data

    def redact_text(self, text: str) -> str:
        return self.redact(text.encode("latin-1", "replace")).decode("latin-1")

    def safe_length(self, data: bytes) -> int:
        """How many leading bytes of `data` can be masked and released now: no secret
        that starts there can still be completed by bytes yet to come."""
        last_end = max(data.rfind(b"\r"), data.rfind(b"\n")) + 1
        tail = data[last_end:]
        if self._marker is not None:
            found = self._marker.search(tail)
            if found is not None:  # a command value runs to the line end: wait for it
                held = len(tail) - found.start()
                return len(data) if held > HOLD_LIMIT else len(data) - held
        upper = tail.upper()
        longest = max((len(p) for p in (*self._prefixes, *self.values)), default=0)
        for size in range(min(len(tail), longest - 1), 0, -1):
            if any(p.startswith(upper[-size:]) for p in self._prefixes) or any(
                v.startswith(tail[-size:]) for v in self.values
            ):
                return len(data) - size
        return len(data)


class StreamRedactor:
    """Masks a stream fed in pieces split anywhere; `redactor` None: the current one."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        self._fixed = redactor
        self._held = b""

    @property
    def redactor(self) -> Redactor:
        return self._fixed or current()

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def feed(self, data: bytes) -> bytes:
        """The masked bytes that can be released now (perhaps fewer than given)."""
        redactor = self.redactor
        # complete literals first (length kept): a cut can then only split one still incomplete
        buffer = redactor.mask_values(self._held + bytes(data))
        cut = redactor.safe_length(buffer)
        self._held = buffer[cut:]
        return redactor.redact(buffer[:cut])

    def flush(self) -> bytes:
        """Everything held back, masked: the stream has ended."""
        held, self._held = self._held, b""
        return self.redactor.redact(held)


_current = Redactor()
_lock = threading.Lock()


def current() -> Redactor:
    return _current


def configure(commands: Iterable[str] = (), values: Iterable[str | bytes] = ()) -> Redactor:
    """Make the current redactor mask FTPPW, FTPUN, `commands` and `values`; returns the
    previous one, for `restore()`."""
    global _current
    with _lock:
        previous, _current = _current, Redactor((*DEFAULT_COMMANDS, *commands), values)
    return previous


def add_values(*values: str | bytes) -> None:
    """Add literal secrets to the current redactor; values too short to mask safely are skipped."""
    global _current
    usable = [v for v in values if v and len(v.encode() if isinstance(v, str) else v) >= MIN_VALUE_LENGTH]
    if usable:
        with _lock:
            _current = _current.extended(values=usable)


def restore(previous: Redactor) -> None:
    global _current
    with _lock:
        _current = previous


def redact(data: bytes) -> bytes:
    """The current redactor applied to `data`."""
    return _current.redact(data)


def redact_text(text: str) -> str:
    return _current.redact_text(text)
