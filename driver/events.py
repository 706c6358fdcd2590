"""What the AtParser hands out: one small frozen class per kind of thing the module sends.

Line texts are `str` decoded as latin-1, which maps every byte value 1:1, so
nothing the module sent is lost; payloads are `bytes`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Echo:
    """The module repeating a command line back (ATE1), without its CR."""

    text: str


@dataclass(frozen=True, slots=True)
class InformationLine:
    """A line of the response to the command in flight, e.g. `+CNACT: 0,1,"10.94.36.44"`."""

    text: str


@dataclass(frozen=True, slots=True)
class Ok:
    """Final result `OK`."""


@dataclass(frozen=True, slots=True)
class Error:
    """Final result `ERROR`."""


@dataclass(frozen=True, slots=True)
class CmeErrorResult:
    """Final result `+CME ERROR: <n>` (AT+CMEE=1) or `+CME ERROR: <text>` (AT+CMEE=2)."""

    code: int | None
    text: str | None


FinalResult = Ok | Error | CmeErrorResult


@dataclass(frozen=True, slots=True)
class Urc:
    """An unsolicited result, e.g. `+FTPGET: 1,1` or `RDY`."""

    text: str


@dataclass(frozen=True, slots=True)
class DataBlock:
    """A length-announced block: `+FTPGET: 2,<n>` and the n raw bytes after it.

    `intact` is False when the n bytes were not followed by CR LF: the stream lost
    or gained bytes, so the data cannot be trusted."""

    header: str
    data: bytes
    intact: bool = True


@dataclass(frozen=True, slots=True)
class UploadPrompt:
    """The module waits for the host's payload: `+FTPPUT: 2,<n>`, `+FTPEXTPUT: <pos>,<n>`
    or `+FTPETPUT: 2,1` (length None: DLE/ETX-escaped, ended by a bare ETX)."""

    text: str
    length: int | None
    position: int | None = None


@dataclass(frozen=True, slots=True)
class TransparentData:
    """Decoded payload bytes of a DLE/ETX-escaped stream (FTPETGET), as they arrive."""

    data: bytes


@dataclass(frozen=True, slots=True)
class TransparentEnd:
    """The bare ETX that ends a DLE/ETX-escaped stream."""


@dataclass(frozen=True, slots=True)
class Noise:
    """Bytes that form no line the module would send (line noise, a glitch at power-up)."""

    data: bytes


Event = (
    Echo | InformationLine | Ok | Error | CmeErrorResult | Urc | DataBlock | UploadPrompt
    | TransparentData | TransparentEnd | Noise
)  # fmt: skip
