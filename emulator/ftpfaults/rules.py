"""The rules a ServerFaults holds: small frozen records, one per kind of misbehaviour.

`eq=False` on purpose: a rule is identified by the object, so two identical once-rules
are two rules and fire once each.
"""

from __future__ import annotations

from dataclasses import dataclass

# The command slot of a rule that targets the 220 banner rather than a command.
GREETING = None

# RFC 959 section 4.2.2 texts, so `reply("RETR", 550)` reads like a real server.
_RFC959_TEXT = {
    421: "Service not available, closing control connection.",
    425: "Can't open data connection.",
    426: "Connection closed; transfer aborted.",
    450: "Requested file action not taken.",
    451: "Requested action aborted: local error in processing.",
    452: "Requested action not taken. Insufficient storage space in system.",
    500: "Syntax error, command unrecognized.",
    501: "Syntax error in parameters or arguments.",
    502: "Command not implemented.",
    503: "Bad sequence of commands.",
    504: "Command not implemented for that parameter.",
    530: "Not logged in.",
    532: "Need account for storing files.",
    550: "Requested action not taken. File unavailable.",
    551: "Requested action aborted: page type unknown.",
    552: "Requested file action aborted. Exceeded storage allocation.",
    553: "Requested action not taken. File name not allowed.",
}


def reply_line(code: int, text: str | None = None) -> str:
    """`code text` as a server sends it (without CRLF); RFC 959's text when none is given."""
    return f"{code} {_RFC959_TEXT.get(code, 'Fault injected.') if text is None else text}"


@dataclass(frozen=True, eq=False)
class Answer:
    """Send `data` instead of running `command` (GREETING: instead of the banner)."""

    command: str | None
    data: bytes
    closes: bool  # close the control connection once `data` is out (what 421 announces)
    once: bool
    label: str


@dataclass(frozen=True, eq=False)
class Stall:
    """Say nothing for `seconds` before handling `command` (GREETING: before the banner)."""

    command: str | None
    seconds: float
    once: bool
    label: str


@dataclass(frozen=True, eq=False)
class DataCut:
    """Close the data connection once `after_bytes` payload bytes went through and more follow."""

    after_bytes: int
    reply: str | None  # said on the control connection after the cut; None: silence
    once: bool
    label: str


Rule = Answer | Stall | DataCut
