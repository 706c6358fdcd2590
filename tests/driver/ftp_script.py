"""Building blocks of scripted FTP exchanges, in the application note's terms."""

from __future__ import annotations

from driver import FtpSettings

from .pty_module import Step

OK = b"\r\nOK\r\n"
ERROR = b"\r\nERROR\r\n"

# the application note's server and account (AN 5.1)
AN_SETTINGS = FtpSettings(host="112.74.93.163", user="simcomtest", password="simcomtest")


def ok(line: bytes, then: bytes = b"") -> Step:
    """The host sends `line`, the module answers OK (and then `then`, e.g. a URC)."""
    return Step(line, OK + then)


def urc(text: bytes) -> bytes:
    return b"\r\n" + text + b"\r\n"


def block(header: bytes, data: bytes) -> bytes:
    """`<header>` line, the raw bytes, then OK: the answer to AT+FTPGET=2,<n> and kin."""
    return b"\r\n" + header + b"\r\n" + data + OK


def synchronising() -> list[Step]:
    # what Modem.open sends: AT / ATE0 / AT+CMEE=2
    return [ok(b"AT"), ok(b"ATE0"), ok(b"AT+CMEE=2")]


def session_parameters(settings: FtpSettings = AN_SETTINGS) -> list[Step]:
    """The parameters every session uses, as sent the first time (AN 5.1)."""
    return [
        ok(b"AT+FTPCID=%d" % settings.cid),
        ok(b'AT+FTPSERV="%s"' % settings.host.encode()),
        ok(b"AT+FTPPORT=%d" % settings.port),
        ok(b'AT+FTPUN="%s"' % settings.user.encode()),
        ok(b'AT+FTPPW="%s"' % settings.password.encode()),
        ok(b"AT+FTPMODE=%d" % (1 if settings.passive else 0)),
        ok(b'AT+FTPTYPE="%s"' % (b"I" if settings.binary else b"A")),
    ]


def get_file(directory: bytes, name: bytes) -> list[Step]:
    return [ok(b'AT+FTPGETPATH="%s"' % directory), ok(b'AT+FTPGETNAME="%s"' % name)]


def put_file(directory: bytes, name: bytes) -> list[Step]:
    return [ok(b'AT+FTPPUTPATH="%s"' % directory), ok(b'AT+FTPPUTNAME="%s"' % name)]
