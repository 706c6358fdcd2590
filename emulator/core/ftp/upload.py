"""FTPPUT: the normal upload in host-sized chunks, and the one-shot upload of the extended buffer."""

from ...ftp.jobs import FinishUpload, UploadData
from ..errors import state_violation
from ..replies import DataPhase
from .buffer import ascii_mode
from .session import Session


class UploadSession(Session):
    prefix = "+FTPPUT"

    def __init__(self, service, job, cid) -> None:
        super().__init__(service, job, cid)
        self.ready = False  # +FTPPUT: 1,1,<max> has been sent
        self.closing = False  # AT+FTPPUT=2,0 received

    @property
    def window(self) -> int:
        return self.module.profile.limits.put_window

    def on_transfer_open(self) -> None:
        self.ready = True
        self._window_urc()
        self._host_active()

    def on_upload_sent(self) -> None:
        if not self.closing:
            self._window_urc()

    def write(self, length: int):
        """AT+FTPPUT=2,<length>: a data phase for min(length, window) bytes, or the close."""
        if not self.ready or self.closing:
            raise state_violation()  # AN 5.6: before +FTPPUT: 1,1,<max> or after 2,0
        self._host_active()
        if length == 0:
            self.closing = True
            self.cancel_timer("idle")
            self.module.act(FinishUpload(self.id))
            return None
        confirmed = min(length, self.window)  # DESIGN.md: confirmed length is min(n, window)
        return DataPhase(
            prompt=[f"+FTPPUT: 2,{confirmed}"],
            length=confirmed,
            on_data=self._chunk,
            timeout=self.module.profile.timings.idle_timeout,
        )

    def _chunk(self, data: bytes) -> None:
        if not self.job.binary:
            data = ascii_mode(data)
        self.module.act(UploadData(self.id, data))
        self.service.transferred(self, len(data))
        self._host_active()

    def _window_urc(self) -> None:
        self.module.urc(f"+FTPPUT: 1,1,{self.window}")

    def _host_active(self) -> None:
        self.restart_timer("idle", self.module.profile.timings.idle_timeout, self.idle_timed_out)


class BufferUploadSession(Session):
    """AT+FTPPUT=1 after AT+FTPEXTPUT=1: the whole RAM buffer goes up, then +FTPPUT: 1,0."""

    prefix = "+FTPPUT"
