"""Bytes of responses, final results and URCs (reference section 1.2).

ATV1: information text `\\r\\n<text>\\r\\n` (several lines back to back, one
`\\r\\n` pair around the block), final result `\\r\\nOK\\r\\n`, URC `\\r\\n<urc>\\r\\n`.
ATV0: information text `<text>\\r\\n`, result a digit and `\\r`.
"""

CRLF = b"\r\n"

# V.25ter numeric result codes for ATV0 (M105 2.2.19)
_NUMERIC_RESULT = {"OK": b"0\r", "ERROR": b"4\r"}


def encode(text: str) -> bytes:
    # The module's character set is 8-bit; latin-1 keeps every byte value 1:1.
    return text.encode("latin-1", "replace")


def information(lines: list[str], verbose: bool) -> bytes:
    if not lines:
        return b""
    body = CRLF.join(encode(line) for line in lines)
    return CRLF + body + CRLF if verbose else body + CRLF


def result(word: str, verbose: bool) -> bytes:
    """A final result: `OK` or `ERROR`."""
    return CRLF + word.encode() + CRLF if verbose else _NUMERIC_RESULT[word]


def cme_error(detail: str, verbose: bool) -> bytes:
    """`+CME ERROR: <n>` or `+CME ERROR: <text>`."""
    line = b"+CME ERROR: " + encode(detail)
    return CRLF + line + CRLF if verbose else line + CRLF


def urc(text: str, verbose: bool) -> bytes:
    line = encode(text)
    return CRLF + line + CRLF if verbose else line + CRLF
