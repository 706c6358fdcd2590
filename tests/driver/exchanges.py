"""Real exchanges, byte for byte, as the module sends them (AN = the FTP application note,
M105 = the AT manual, via the reference in shared/spec).

Each Exchange is the command the host sent and the module's bytes cut into frames
(an echo, one `\\r\\n…\\r\\n` line, a header with its data block, ...), each frame
with the events it must produce. Frames are where a URC or line noise may legally
fall; the split tests cut the bytes everywhere else too.
"""

from __future__ import annotations

from dataclasses import dataclass

from driver.escaping import END, escape
from driver.events import (
    CmeErrorResult,
    DataBlock,
    Echo,
    Error,
    Event,
    InformationLine,
    Ok,
    TransparentData,
    TransparentEnd,
    UploadPrompt,
    Urc,
)

EVERY_BYTE = bytes(range(256))
# payloads that would fool a parser that searches data instead of counting it
TRICKY = (
    b"\r\nOK\r\n"
    + b"\r\n+FTPGET: 1,0\r\n"
    + b"\r\nERROR\r\n"
    + b"\x03\x10\x10\x03"
    + b"\r\n+CME ERROR: 3\r\n"
)
AN_50_BYTES = b"01234567890123456789012345678901234567890123456789"  # AN 5.1


@dataclass(frozen=True)
class Frame:
    data: bytes
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Exchange:
    name: str
    command: str
    frames: tuple[Frame, ...]
    echo: bool = False  # the first frame is the echo
    final: int = -1  # index of the frame holding the final result

    @property
    def stream(self) -> bytes:
        return b"".join(f.data for f in self.frames)

    @property
    def events(self) -> list[Event]:
        return [e for f in self.frames for e in f.events]

    def urc_points(self) -> list[int]:
        """Frame indexes a URC may come before: before the echo, between echo and
        response, after the final result (reference section 1; hardware behaviour)."""
        final = self.final % len(self.frames)
        points = {0, len(self.frames)} | set(range(final + 1, len(self.frames) + 1))
        if self.echo:
            points.add(1)
        return sorted(points)


def line(text: str, *events: Event) -> Frame:
    return Frame(b"\r\n" + text.encode("latin-1") + b"\r\n", events)


def ok() -> Frame:
    return line("OK", Ok())


def echo(command: str) -> Frame:
    return Frame(command.encode("latin-1") + b"\r", (Echo(command),))


def block(header: str, payload: bytes) -> Frame:
    return Frame(b"\r\n" + header.encode() + b"\r\n" + payload, (DataBlock(header, payload),))


def info(text: str) -> Frame:
    return line(text, InformationLine(text))


def urc(text: str) -> Frame:
    return line(text, Urc(text))


def transparent(payload: bytes) -> Frame:
    """`+FTPETGET: 1,1`, the escaped file and its bare ETX (M105 15.2.25)."""
    events: tuple[Event, ...] = (Urc("+FTPETGET: 1,1"),)
    if payload:
        events += (TransparentData(payload),)
    events += (TransparentEnd(),)
    return Frame(b"\r\n+FTPETGET: 1,1\r\n" + escape(payload) + END, events)


EXCHANGES = [
    # AT            (echo on, as after power-on)
    #   module:     AT<CR>  <CR><LF>OK<CR><LF>
    Exchange("at-echoed", "AT", (echo("AT"), ok()), echo=True, final=1),
    # ATE0          the line that turns echo off is itself still echoed (reference 7, real log)
    Exchange("ate0-echoed", "ATE0", (echo("ATE0"), ok()), echo=True, final=1),
    # AT+CGMR   ->  Revision:1951B16SIM7080 / OK   (a real 1951B16 module)
    Exchange("cgmr", "AT+CGMR", (info("Revision:1951B16SIM7080"), ok()), final=1),
    # AT+CGSN   ->  869951030006302 / OK   (M105 3.2.4), echoed
    Exchange("cgsn-echoed", "AT+CGSN", (echo("AT+CGSN"), info("869951030006302"), ok()), echo=True, final=2),
    # AT+CNACT? ->  four contexts back to back, an empty line, OK   (AN 4.1)
    Exchange(
        "cnact-read",
        "AT+CNACT?",
        (
            Frame(
                b'\r\n+CNACT: 0,1,"10.94.36.44"\r\n+CNACT: 1,0,"0.0.0.0"\r\n'
                b'+CNACT: 2,0,"0.0.0.0"\r\n+CNACT: 3,0,"0.0.0.0"\r\n',
                (
                    InformationLine('+CNACT: 0,1,"10.94.36.44"'),
                    InformationLine('+CNACT: 1,0,"0.0.0.0"'),
                    InformationLine('+CNACT: 2,0,"0.0.0.0"'),
                    InformationLine('+CNACT: 3,0,"0.0.0.0"'),
                ),
            ),
            ok(),
        ),
        final=1,
    ),
    # AT+CNACT=0,1 -> OK, then +APP PDP: 0,ACTIVE   (AN 4.1)
    Exchange("cnact-activate", "AT+CNACT=0,1", (ok(), urc("+APP PDP: 0,ACTIVE")), final=0),
    # AT+CPIN=1234 with AT+CMEE=2 -> +CME ERROR: operation not allowed   (a real module's text)
    Exchange(
        "cme-text",
        "AT+CPIN=1234",
        (line("+CME ERROR: operation not allowed", CmeErrorResult(None, "operation not allowed")),),
        final=0,
    ),
    # the same with AT+CMEE=1 -> +CME ERROR: 3
    Exchange("cme-number", "AT+CPIN=1234", (line("+CME ERROR: 3", CmeErrorResult(3, None)),), final=0),
    # AT+SHTRDT (not in the manual) -> ERROR even with CMEE=2   (real module)
    Exchange("unknown-command", "AT+SHTRDT", (line("ERROR", Error()),), final=0),
    # AT+FTPGET=1 -> OK, +FTPGET: 1,1   (AN 5.1: data are available)
    Exchange("ftpget-open", "AT+FTPGET=1", (ok(), urc("+FTPGET: 1,1")), final=0),
    # AT+FTPGET=2,1024 -> +FTPGET: 2,50, the 50 bytes, OK; then +FTPGET: 1,0 (AN 5.1, 5.6)
    Exchange(
        "ftpget-read-an",
        "AT+FTPGET=2,1024",
        (block("+FTPGET: 2,50", AN_50_BYTES), ok(), urc("+FTPGET: 1,0")),
        final=1,
    ),
    # AT+FTPGET=2,1024 -> +FTPGET: 2,0 and OK: nothing buffered yet, session still open (AN 5.1);
    #   bytes: \r\n+FTPGET: 2,0\r\n\r\nOK\r\n
    Exchange(
        "ftpget-read-empty",
        "AT+FTPGET=2,1024",
        (block("+FTPGET: 2,0", b""), ok(), urc("+FTPGET: 1,1")),
        final=1,
    ),
    # AT+FTPGET=2,1460 -> a block of every byte value, echoed
    Exchange(
        "ftpget-every-byte",
        "AT+FTPGET=2,1460",
        (echo("AT+FTPGET=2,1460"), block("+FTPGET: 2,256", EVERY_BYTE), ok()),
        echo=True,
        final=2,
    ),
    # AT+FTPGET=2,1460 -> data that holds OK, URCs, ETX and DLE
    Exchange(
        "ftpget-tricky",
        "AT+FTPGET=2,1460",
        (block(f"+FTPGET: 2,{len(TRICKY)}", TRICKY), ok(), urc("+FTPGET: 1,0")),
        final=1,
    ),
    # AT+FTPLIST=2,1024 -> +FTPLIST: 2,<n>, the listing, OK, +FTPLIST: 1,0 (AN 5.11)
    Exchange(
        "ftplist-read",
        "AT+FTPLIST=2,1024",
        (
            block(
                "+FTPLIST: 2,78",
                b"-rw-rw---- 1 zhangkun simcom 8807854 Mar 19 13:31 /simftp.txt\r\n".ljust(78),
            ),
            ok(),
            urc("+FTPLIST: 1,0"),
        ),
        final=1,
    ),
    # AT+FTPEXTGET=1 -> OK, +FTPEXTGET: 1,0 once the file is in RAM: a URC here (AN 5.13)
    Exchange("extget-open", "AT+FTPEXTGET=1", (ok(), urc("+FTPEXTGET: 1,0")), final=0),
    # AT+FTPEXTGET? -> +FTPEXTGET: 1,64136, OK: progress, an information line (AN 5.13)
    Exchange("extget-query", "AT+FTPEXTGET?", (info("+FTPEXTGET: 1,64136"), ok()), final=1),
    # AT+FTPEXTGET=3,0,256 -> +FTPEXTGET: 3,256, the bytes, OK (M105 15.2.23)
    Exchange(
        "extget-read", "AT+FTPEXTGET=3,0,256", (block("+FTPEXTGET: 3,256", EVERY_BYTE[::-1]), ok()), final=1
    ),
    # AT+FTPEXTPUT? -> +FTPEXTPUT: 1,1024, OK: the read answer, not a prompt (M105 15.2.19)
    Exchange("extput-query", "AT+FTPEXTPUT?", (info("+FTPEXTPUT: 1,1024"), ok()), final=1),
    # AT+FTPEXTPUT=2,0,1024,10000 -> +FTPEXTPUT: 0,1024 (the host sends 1024 bytes) OK (AN 5.12)
    Exchange(
        "extput-load",
        "AT+FTPEXTPUT=2,0,1024,10000",
        (line("+FTPEXTPUT: 0,1024", UploadPrompt("+FTPEXTPUT: 0,1024", 1024, 0)), ok()),
        final=1,
    ),
    # AT+FTPPUT=2,100 -> +FTPPUT: 2,100 (100 bytes) OK, +FTPPUT: 1,1,1360 (AN 5.2)
    Exchange(
        "ftpput-chunk",
        "AT+FTPPUT=2,100",
        (line("+FTPPUT: 2,100", UploadPrompt("+FTPPUT: 2,100", 100)), ok(), urc("+FTPPUT: 1,1,1360")),
        final=1,
    ),
    # the same with echo on: the command line comes back before the prompt
    Exchange(
        "ftpput-chunk-echoed",
        "AT+FTPPUT=2,100",
        (echo("AT+FTPPUT=2,100"), line("+FTPPUT: 2,100", UploadPrompt("+FTPPUT: 2,100", 100)), ok()),
        echo=True,
        final=2,
    ),
    # AT+FTPPUT=2,0 -> OK, +FTPPUT: 1,0 (AN 5.2)
    Exchange("ftpput-close", "AT+FTPPUT=2,0", (ok(), urc("+FTPPUT: 1,0")), final=0),
    # AT+FTPETPUT=2 -> OK, +FTPETPUT: 2,1 (escaped payload, ETX) OK, +FTPETPUT: 1,0 (AN 5.14)
    Exchange(
        "etput-an",
        "AT+FTPETPUT=2",
        (ok(), line("+FTPETPUT: 2,1", UploadPrompt("+FTPETPUT: 2,1", None)), ok(), urc("+FTPETPUT: 1,0")),
        final=2,
    ),
    # the manual's form of the same: no OK before the prompt (M105 15.2.24)
    Exchange(
        "etput-manual",
        "AT+FTPETPUT=2",
        (line("+FTPETPUT: 2,1", UploadPrompt("+FTPETPUT: 2,1", None)), ok()),
        final=1,
    ),
    # AT+FTPETGET=1 -> OK; +FTPETGET: 1,1, escaped data, ETX; +FTPETGET: 1,0 (AN 5.15)
    Exchange(
        "etget-every-byte",
        "AT+FTPETGET=1",
        (ok(), transparent(EVERY_BYTE + TRICKY), urc("+FTPETGET: 1,0")),
        final=0,
    ),
    # an empty file: nothing between +FTPETGET: 1,1 and the ETX
    Exchange("etget-empty", "AT+FTPETGET=1", (ok(), transparent(b""), urc("+FTPETGET: 1,0")), final=0),
    # AT+FTPSIZE -> OK, +FTPSIZE: 1,0,1024 (AN 5.9)
    Exchange("ftpsize", "AT+FTPSIZE", (ok(), urc("+FTPSIZE: 1,0,1024")), final=0),
    # AT+FTPSTATE -> +FTPSTATE: 1, OK (M105 15.2.18)
    Exchange("ftpstate", "AT+FTPSTATE", (info("+FTPSTATE: 1"), ok()), final=1),
    # AT+FTPQUIT -> OK, +FTPGET: 1,80 (AN 5.16)
    Exchange("ftpquit", "AT+FTPQUIT", (ok(), urc("+FTPGET: 1,80")), final=0),
]

# URCs that may arrive at any frame boundary of any exchange above (none shares a tag
# with a command whose answer it could be mistaken for)
STRAY_URCS = ("+FTPGET: 1,1", "+APP PDP: 0,DEACTIVE", "RDY", "+FTPPUT: 1,1,1360", "SMS Ready")


def by_name(name: str) -> Exchange:
    return next(e for e in EXCHANGES if e.name == name)
