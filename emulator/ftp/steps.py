"""Which module error code a failure maps to, by the step of the session it happened in.

DESIGN.md "FtpEngine": connect 63, DNS 62, USER 71, PASS 72, TYPE 73, REST 74,
PASV 75, PORT 76, the command itself 77, data transfer 78 (upload) / 79
(download), timeout 64, unparsable reply 70, other server refusal 65.
"""

import ftplib
import socket
from enum import Enum

from ..core.errors import FtpResult


class Step(Enum):
    RESOLVE = FtpResult.DNS_ERROR
    CONNECT = FtpResult.CONNECT_ERROR
    GREETING = FtpResult.SERVER_ERROR
    USER = FtpResult.USER_ERROR
    PASS = FtpResult.PASSWORD_ERROR
    TYPE = FtpResult.TYPE_ERROR
    PASV = FtpResult.PASSIVE_ERROR
    PORT = FtpResult.ACTIVE_ERROR
    REST = FtpResult.REST_ERROR
    COMMAND = FtpResult.OPERATE_ERROR
    DOWNLOAD = FtpResult.DOWNLOAD_ERROR
    UPLOAD = FtpResult.UPLOAD_ERROR


class StepFailed(Exception):
    def __init__(self, step: Step, code: int, cause: BaseException | None = None) -> None:
        super().__init__(f"{step.name}: {code} ({cause!r})")
        self.step = step
        self.code = code
        self.cause = cause


def failure_code(step: Step, exc: BaseException) -> int:
    """The module's code for `exc` raised during `step`."""
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return FtpResult.TIMEOUT
    if isinstance(exc, socket.gaierror):
        return FtpResult.DNS_ERROR
    if isinstance(exc, ftplib.error_proto):
        return FtpResult.REPLY_ERROR  # a reply no FTP client can parse
    if isinstance(exc, ftplib.error_reply):
        return FtpResult.SERVER_ERROR  # a well-formed but unexpected reply
    if step is Step.GREETING and isinstance(exc, (ftplib.error_temp, ftplib.error_perm)):
        return FtpResult.SERVER_ERROR  # e.g. 421 instead of 220
    if isinstance(exc, (ftplib.error_temp, ftplib.error_perm)):
        return step.value
    if isinstance(exc, (OSError, EOFError)):
        if step in (Step.CONNECT, Step.DOWNLOAD, Step.UPLOAD, Step.PASV, Step.PORT):
            return step.value
        return FtpResult.SERVER_ERROR  # the control connection broke after login began
    return FtpResult.SERVER_ERROR
