"""FTPETGET and FTPETPUT: the file crosses the UART in data mode, DLE/ETX-escaped."""

from ...ftp.jobs import Credit, FinishUpload, UploadData
from ..errors import state_violation
from ..replies import DataPhase
from .buffer import ascii_mode
from .escaping import ETX, escape
from .session import Session


class TransparentGetSession(Session):
    """`+FTPETGET: 1,1`, the escaped file, a bare ETX, then `+FTPETGET: 1,0`."""

    prefix = "+FTPETGET"

    def __init__(self, service, job, cid) -> None:
        super().__init__(service, job, cid)
        self.streaming = False

    def on_transfer_open(self) -> None:
        self.module.urc(f"{self.prefix}: 1,1")
        self.module.enter_data_mode()
        self.streaming = True

    def on_data(self, data: bytes) -> None:
        if not self.job.binary:
            data = ascii_mode(data)
        # buffer space goes back to the worker only once the bytes are on the wire
        self.module.send(escape(data), then=Credit(self.id, len(data)))

    def on_done(self, result: int, value) -> None:
        self._leave_data_mode()
        super().on_done(result, value)

    def fail(self, code: int) -> None:
        self._leave_data_mode()
        super().fail(code)

    def _leave_data_mode(self) -> None:
        if self.streaming:
            self.streaming = False
            self.module.send(ETX)
            self.module.leave_data_mode()


class TransparentPutSession(Session):
    """`+FTPETPUT: 1,1` when open; AT+FTPETPUT=2 takes the escaped file up to a bare ETX."""

    prefix = "+FTPETPUT"

    def __init__(self, service, job, cid) -> None:
        super().__init__(service, job, cid)
        self.ready = False
        self.sent = False

    def on_transfer_open(self) -> None:
        self.ready = True
        self.module.urc(f"{self.prefix}: 1,1")
        self._host_active()

    def begin_data(self) -> DataPhase:
        if not self.ready or self.sent:
            raise state_violation()
        self.sent = True
        self.cancel_timer("idle")
        return DataPhase(
            prompt=[f"{self.prefix}: 2,1"],
            ok_first=self.module.profile.quirks.etput_ok_before_prompt,
            on_chunk=self._chunk,
            on_end=self._end,
        )

    def _chunk(self, data: bytes) -> None:
        if not self.job.binary:
            data = ascii_mode(data)
        self.module.act(UploadData(self.id, data))
        self.service.transferred(self, len(data))

    def _end(self) -> None:
        self.module.act(FinishUpload(self.id))

    def _host_active(self) -> None:
        self.restart_timer("idle", self.module.profile.timings.idle_timeout, self.idle_timed_out)
