"""FTP result codes (the `<error>` of `+FTPxxx: 1,<error>`, M105 15.2.14) and the
exception family each belongs to."""

from __future__ import annotations

import contextlib
from enum import IntEnum

from .errors import DriverError


class FtpCode(IntEnum):
    SUCCESS = 0
    DATA_READY = 1  # data waits / the session is ready for the host
    NET_ERROR = 61
    DNS_ERROR = 62
    CONNECT_ERROR = 63
    TIMEOUT = 64
    SERVER_ERROR = 65
    OPERATION_NOT_ALLOWED = 66
    REPLY_ERROR = 70  # the manual's "Replay error"
    USER_ERROR = 71
    PASSWORD_ERROR = 72
    TYPE_ERROR = 73
    REST_ERROR = 74
    PASSIVE_ERROR = 75
    ACTIVE_ERROR = 76
    OPERATE_ERROR = 77
    UPLOAD_ERROR = 78
    DOWNLOAD_ERROR = 79
    MANUAL_QUIT = 80
    SSL_CONNECT_ERROR = 90
    SSL_ALERT_ERROR = 91
    AUTH_ERROR = 92
    PBSZ_ERROR = 93
    PROT_ERROR = 94  # labelled "PORT error" in M105; listed after PBSZ, so probably PROT


_MEANING = {
    61: "no usable bearer or network failure",
    62: "the server name did not resolve",
    63: "the connection to the server failed",
    64: "the server, or the host, was silent too long",
    65: "the server refused a step",
    66: "the module refused the operation (a session already runs, or a name is missing)",
    70: "the server's reply could not be parsed",
    71: "the server rejected the user name",
    72: "the server rejected the password",
    73: "the server rejected the transfer type",
    74: "the server rejected the restart offset",
    75: "passive mode failed",
    76: "active mode failed",
    77: "the server refused the operation itself (missing file, existing directory, ...)",
    78: "the upload broke off",
    79: "the download broke off",
    80: "ended by AT+FTPQUIT",
    90: "the TLS handshake failed",
    91: "a TLS alert ended the connection",
    92: "the server refused AUTH TLS",
    93: "the server refused PBSZ",
    94: "the server refused PROT",
}


class FtpError(DriverError):
    """An FTP operation ended with the module's error code.

    `.code` the number (an FtpCode when known), `.operation` what was asked
    (e.g. `get /dir/file.bin`), `.transferred` the payload bytes moved before it
    failed (downloads and uploads), `.urc` the line that reported it.
    """

    def __init__(self, code: int, operation: str, *, transferred: int | None = None, urc: str = "") -> None:
        with contextlib.suppress(ValueError):  # a code outside the manual's table stays an int
            code = FtpCode(code)
        self.code = code
        self.operation = operation
        self.transferred = transferred
        self.urc = urc
        name = code.name if isinstance(code, FtpCode) else "unknown code"
        meaning = _MEANING.get(int(code), "not in the manual's table")
        moved = f"; {transferred} bytes transferred before" if transferred is not None else ""
        seen = f" ({urc})" if urc else ""
        super().__init__(f"FTP {operation} failed: {int(code)} {name}: {meaning}{seen}{moved}")


class FtpConnectionError(FtpError):
    """Bearer, DNS, TCP, passive/active data connection or TLS set-up failed."""


class FtpAuthenticationError(FtpError):
    """USER, PASS or AUTH TLS rejected."""


class FtpRemoteError(FtpError):
    """The server refused or garbled a step of the session (65, 70, 73, 74, 93, 94)."""


class FtpFileError(FtpRemoteError):
    """The operation itself failed on the server (77): no such file, directory exists, ..."""


class FtpNotAllowedError(FtpError):
    """The module refused to start the operation (66): busy, or a parameter is missing."""


class FtpTransferError(FtpError):
    """The data transfer broke off (78 upload, 79 download)."""


class FtpTimeoutError(FtpError):
    """The module gave up waiting (64): on the server, or on the host to read its data."""


class FtpQuitError(FtpError):
    """The session was ended by AT+FTPQUIT (80)."""


FAMILIES: dict[int, type[FtpError]] = {
    **dict.fromkeys((61, 62, 63, 75, 76, 90, 91), FtpConnectionError),
    **dict.fromkeys((71, 72, 92), FtpAuthenticationError),
    **dict.fromkeys((65, 70, 73, 74, 93, 94), FtpRemoteError),
    77: FtpFileError,
    66: FtpNotAllowedError,
    **dict.fromkeys((78, 79), FtpTransferError),
    64: FtpTimeoutError,
    80: FtpQuitError,
}

# Families worth a second try with AT+FTPREST at the bytes already received
RESUMABLE = (FtpTransferError, FtpTimeoutError, FtpConnectionError)


def ftp_error(code: int, operation: str, *, transferred: int | None = None, urc: str = "") -> FtpError:
    """The exception of the family `code` belongs to."""
    family = FAMILIES.get(int(code), FtpError)
    return family(code, operation, transferred=transferred, urc=urc)
