"""Keep the FTP password out of error messages and transcripts."""

from __future__ import annotations

import re

_PASSWORD_COMMAND = re.compile(rb"(AT\+FTPPW=)(\"[^\"]*\"?|[^\r\n;]*)", re.IGNORECASE)
MASK = b'"***"'


def redact(data: bytes) -> bytes:
    """`AT+FTPPW="secret"` becomes `AT+FTPPW="***"`; everything else is unchanged."""
    return _PASSWORD_COMMAND.sub(lambda m: m.group(1) + MASK, data)


def redact_text(text: str) -> str:
    return redact(text.encode("latin-1", "replace")).decode("latin-1")
