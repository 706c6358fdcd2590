"""Result codes the module reports, named once.

CME error numbers and texts: AT manual M105 section 22.1 (the subset a SIM7080
FTP host meets). FTP result codes: the <error> table of AT+FTPGET, M105 15.2.14,
which every other FTP command refers back to.
"""

from enum import IntEnum


class CmeError(IntEnum):
    PHONE_FAILURE = 0
    OPERATION_NOT_ALLOWED = 3
    OPERATION_NOT_SUPPORTED = 4
    SIM_NOT_INSERTED = 10
    SIM_PIN_REQUIRED = 11
    SIM_FAILURE = 13
    SIM_BUSY = 14
    NO_NETWORK_SERVICE = 30
    UNKNOWN = 100
    UNSPECIFIED_GPRS_ERROR = 148
    DNS_RESOLVE_FAILED = 160
    SOCKET_OPEN_FAILED = 161
    GPRS_NOT_ATTACHED = 180
    TCPIP_STACK_BUSY = 181
    INVALID_INPUT_VALUE = 765
    OPERATION_FAILED = 767
    CFUN_STATE_0_OR_4 = 797

    @property
    def text(self) -> str:
        return _CME_TEXT[self]


_CME_TEXT = {
    CmeError.PHONE_FAILURE: "phone failure",
    CmeError.OPERATION_NOT_ALLOWED: "operation not allowed",
    CmeError.OPERATION_NOT_SUPPORTED: "operation not supported",
    CmeError.SIM_NOT_INSERTED: "SIM not inserted",
    CmeError.SIM_PIN_REQUIRED: "SIM PIN required",
    CmeError.SIM_FAILURE: "SIM failure",
    CmeError.SIM_BUSY: "SIM busy",
    CmeError.NO_NETWORK_SERVICE: "no network service",
    CmeError.UNKNOWN: "unknown",
    CmeError.UNSPECIFIED_GPRS_ERROR: "unspecified GPRS error",
    CmeError.DNS_RESOLVE_FAILED: "DNS resolve failed",
    CmeError.SOCKET_OPEN_FAILED: "Socket open failed",
    CmeError.GPRS_NOT_ATTACHED: "gprs is not attached",
    CmeError.TCPIP_STACK_BUSY: "tcpip stack is busy",
    CmeError.INVALID_INPUT_VALUE: "Invalid input value",
    CmeError.OPERATION_FAILED: "Operation failed",
    CmeError.CFUN_STATE_0_OR_4: "CFUN state is 0 or 4",
}


class FtpResult(IntEnum):
    """The <error> field of every `+FTPxxx: 1,<error>` URC (M105 15.2.14)."""

    SUCCESS = 0
    DATA_READY = 1
    NET_ERROR = 61
    DNS_ERROR = 62
    CONNECT_ERROR = 63
    TIMEOUT = 64
    SERVER_ERROR = 65
    OPERATION_NOT_ALLOWED = 66
    REPLY_ERROR = 70
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
    PROT_ERROR = 94


class AtFailure(Exception):
    """A command failed; the dispatcher turns this into the final result."""


class SyntaxFailure(AtFailure):
    """Malformed line, unknown command or unsupported form: always plain `ERROR`."""


class CmeFailure(AtFailure):
    """A failure with a CME number: `ERROR`, `+CME ERROR: <n>` or `<text>` per AT+CMEE."""

    def __init__(self, code: CmeError) -> None:
        super().__init__(code.text)
        self.code = code


def state_violation() -> CmeFailure:
    # DESIGN.md decision: state errors are CME 3 when AT+CMEE asks for codes.
    return CmeFailure(CmeError.OPERATION_NOT_ALLOWED)


def invalid_value() -> CmeFailure:
    return CmeFailure(CmeError.INVALID_INPUT_VALUE)
