"""FTPGET and FTPLIST: the server's bytes wait in the module buffer until the host reads them.

`+FTPGET: 1,1` announces data (again after a read emptied the buffer and more
came, and every data_urc_repeat while data waits unread); unread data past
idle_timeout ends the session with 64; `+FTPGET: 1,0` only once the host has
read the last byte.
"""

from ...ftp.jobs import Credit
from ..errors import FtpResult, state_violation
from .buffer import DownloadBuffer, ascii_mode
from .session import Session


class DownloadSession(Session):
    def __init__(self, service, job, cid, prefix: str) -> None:
        super().__init__(service, job, cid)
        self.prefix = prefix
        self.buffer = DownloadBuffer()
        self.announced = False  # a 1,1 is out and the buffer has not been emptied since
        self.ever_announced = False
        self.complete = False  # the server finished sending

    def on_data(self, data: bytes) -> None:
        if not self.job.binary:
            data = ascii_mode(data)
        self.buffer.append(data)
        if not self.announced:
            self._announce()

    def on_done(self, result: int, value) -> None:
        if result != FtpResult.SUCCESS:
            self.fail(result)
            return
        self.complete = True
        if self.buffer.size == 0:
            self.succeed()

    def read(self, most: int):
        """AT+FTPGET=2,<most>: (bytes to send, Credit action to run once they are out)."""
        if not self.ever_announced:
            raise state_violation()  # AN 5.6: a read before +FTPGET: 1,1 is an error
        data = self.buffer.take(most)
        timings = self.module.profile.timings
        if self.buffer.size:
            self.restart_timer("idle", timings.idle_timeout, self.idle_timed_out)
            self.restart_timer("repeat", timings.data_urc_repeat, self._repeat)
        else:
            self.announced = False
            self.cancel_timer("idle")
            self.cancel_timer("repeat")
            if self.complete:
                self.succeed()
        credit = Credit(self.id, len(data)) if data else None
        return data, credit

    def _announce(self) -> None:
        self.announced = self.ever_announced = True
        self.module.urc(f"{self.prefix}: 1,1")
        timings = self.module.profile.timings
        self.restart_timer("repeat", timings.data_urc_repeat, self._repeat)
        self.restart_timer("idle", timings.idle_timeout, self.idle_timed_out)

    def _repeat(self) -> None:
        if self.buffer.size:
            self.module.urc(f"{self.prefix}: 1,1")
            self.restart_timer("repeat", self.module.profile.timings.data_urc_repeat, self._repeat)
