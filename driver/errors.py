"""Exceptions of the AT layer. Each message alone should be enough to diagnose a failure:
the command (password masked), what the module answered and, for timeouts, the
last bytes received, escaped."""

from __future__ import annotations

from enum import IntEnum

from .redact import redact, redact_text

SHOWN_BYTES = 256  # tail of the received bytes quoted in a message


def show_bytes(data: bytes, limit: int = SHOWN_BYTES) -> str:
    """Bytes as escaped text: `\\r\\n+FTPGET: 1,1\\r\\n`, `\\x03`; the last `limit` of them."""
    cut = len(data) > limit
    data = data[-limit:] if cut else data
    text = data.decode("latin-1").encode("unicode_escape").decode("ascii")
    return ("…" if cut else "") + text


class CmeCode(IntEnum):
    """`+CME ERROR` numbers a SIM7080 FTP host meets (M105 22.1)."""

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


# The texts AT+CMEE=2 prints (M105 22.1), to give a CmeError both forms
CME_TEXTS = {
    CmeCode.PHONE_FAILURE: "phone failure",
    CmeCode.OPERATION_NOT_ALLOWED: "operation not allowed",
    CmeCode.OPERATION_NOT_SUPPORTED: "operation not supported",
    CmeCode.SIM_NOT_INSERTED: "SIM not inserted",
    CmeCode.SIM_PIN_REQUIRED: "SIM PIN required",
    CmeCode.SIM_FAILURE: "SIM failure",
    CmeCode.SIM_BUSY: "SIM busy",
    CmeCode.NO_NETWORK_SERVICE: "no network service",
    CmeCode.UNKNOWN: "unknown",
    CmeCode.UNSPECIFIED_GPRS_ERROR: "unspecified GPRS error",
    CmeCode.DNS_RESOLVE_FAILED: "DNS resolve failed",
    CmeCode.SOCKET_OPEN_FAILED: "Socket open failed",
    CmeCode.GPRS_NOT_ATTACHED: "gprs is not attached",
    CmeCode.TCPIP_STACK_BUSY: "tcpip stack is busy",
    CmeCode.INVALID_INPUT_VALUE: "Invalid input value",
    CmeCode.OPERATION_FAILED: "Operation failed",
    CmeCode.CFUN_STATE_0_OR_4: "CFUN state is 0 or 4",
}
_CODES_BY_TEXT = {text.lower(): code for code, text in CME_TEXTS.items()}


class DriverError(Exception):
    """Base of every error this driver raises."""


class AtError(DriverError):
    """The module answered a command with the final result `ERROR`."""

    def __init__(self, command: str, seen: bytes = b"", result: str = "ERROR") -> None:
        self.command = redact_text(command)
        self.seen = redact(seen)  # the module's echo (ATE1) repeats AT+FTPPW="…"
        self.result = result
        super().__init__(f"{self.command} answered {result}; bytes of this exchange: '{show_bytes(seen)}'")


class CmeError(AtError):
    """The module answered `+CME ERROR: <n>` or `+CME ERROR: <text>`.

    `.code` is the number (looked up from the text under AT+CMEE=2 when known),
    `.text` the text (looked up from the number under AT+CMEE=1 when known).
    """

    def __init__(self, command: str, code: int | None, text: str | None, seen: bytes = b"") -> None:
        if code is None and text is not None:
            code = _CODES_BY_TEXT.get(text.lower())
        if text is None and code is not None and code in CME_TEXTS:
            text = CME_TEXTS[CmeCode(code)]
        self.code = code
        self.text = text
        shown = f"{code} ({text})" if code is not None and text else str(code if code is not None else text)
        super().__init__(command, seen, f"+CME ERROR: {shown}")


class AtTimeout(DriverError, TimeoutError):
    """Nothing (or not the expected thing) came within the time allowed."""

    def __init__(
        self,
        command: str,
        waited: float,
        tail: bytes = b"",
        waiting_for: str = "the final result",
        location: str | None = None,
    ) -> None:
        self.command = redact_text(command)
        self.waited = waited
        self.tail = redact(tail)
        self.waiting_for = waiting_for
        self.location = location
        where = f"; transcript: {location}" if location else ""
        super().__init__(
            f"{self.command}: no {waiting_for} within {waited:.3g} s; "
            f"last bytes received: '{show_bytes(tail)}'{where}"
        )


class ChannelClosed(DriverError):
    """The channel was closed, or its port failed, while a command needed it."""


class ProtocolError(DriverError):
    """The module's answer did not have the form the manual gives."""


class SimNotReady(DriverError):
    """AT+CPIN? reported something other than READY (a PIN is asked for, no SIM)."""

    def __init__(self, state: str) -> None:
        self.state = state
        super().__init__(f"SIM not ready: +CPIN: {state}")


class BearerError(DriverError):
    """The PDP context could not be activated (`+APP PDP: <cid>,DEACTIVE`)."""


class ModuleReset(DriverError):
    """The module rebooted (RDY ...) while an operation ran; the operation's state is lost."""

    def __init__(self, operation: str, cause: BaseException | None = None) -> None:
        self.operation = operation
        detail = f" ({cause})" if cause is not None else ""
        super().__init__(f"{operation}: the module restarted while it ran{detail}")


class TransferMismatch(DriverError):
    """A transparent transfer ended normally but the file on the server has another size:
    bytes were lost on the UART, where the DLE/ETX stream has no count to notice it."""

    def __init__(self, path: str, count: int, stored: int, what: str) -> None:
        self.path, self.count, self.stored = path, count, stored
        super().__init__(f"{path}: {count} bytes {what}, but the server holds {stored}")
