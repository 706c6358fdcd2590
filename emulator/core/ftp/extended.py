"""FTPEXTGET mode 1: the whole file is downloaded into module RAM, then read back with mode 3."""

from ..errors import FtpResult
from .buffer import ascii_mode
from .session import Session


class ExtendedGetSession(Session):
    """AT+FTPEXTGET=1: the whole file into module RAM (at most extget_buffer bytes)."""

    prefix = "+FTPEXTGET"

    def __init__(self, service, job, cid, store: bytearray) -> None:
        super().__init__(service, job, cid)
        self.store = store

    def on_data(self, data: bytes) -> None:
        if not self.job.binary:
            data = ascii_mode(data)
        room = self.module.profile.limits.extget_buffer - len(self.store)
        if len(data) > room:
            # more than the RAM holds: the download fails (the reference gives no code; 79 fits)
            self.fail(FtpResult.DOWNLOAD_ERROR)
            return
        self.store += data

    def fail(self, code: int) -> None:
        self.store.clear()  # a failed download leaves nothing to read back
        super().fail(code)
