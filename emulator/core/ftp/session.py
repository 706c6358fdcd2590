"""What every FTP session of the module shares: its URC prefix, its worker, its end."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ...ftp.jobs import AbortJob, FtpJob, StartJob
from ..errors import FtpResult

if TYPE_CHECKING:
    from ..module import ModuleCore
    from .service import FtpService


class Session:
    """One running operation. Subclasses react to worker events and host commands."""

    prefix = "+FTPGET"  # the URC prefix of the operation: +FTPGET: 1,<code>
    operation = "get"  # its name for scripted faults (triggers.OPERATIONS); set at launch

    def __init__(self, service: FtpService, job: FtpJob, cid: int) -> None:
        self.service = service
        self.module: ModuleCore = service.module
        self.job = job
        self.id = job.session
        self.cid = cid
        self._timers: dict[str, object] = {}

    def start(self) -> None:
        overrides = self.service.job_overrides.take(self.operation)
        self.job = dataclasses.replace(self.job, **overrides) if overrides else self.job
        self.module.act(StartJob(self.job))

    # -- worker events (override what applies) -------------------------------------------

    def on_transfer_open(self) -> None:
        pass

    def on_data(self, data: bytes) -> None:
        pass

    def on_upload_sent(self) -> None:
        pass

    def on_done(self, result: int, value) -> None:
        if result == FtpResult.SUCCESS:
            self.succeed(value)
        else:
            self.fail(result)

    # -- endings ---------------------------------------------------------------------------

    def succeed(self, value=None) -> None:
        self.end()
        self.module.urc(self.success_urc(value))

    def fail(self, code: int) -> None:
        """End now with `code`; the worker, if still running, is stopped."""
        self.end()
        self.module.act(AbortJob(self.id))
        self.module.urc(self.failure_urc(code))

    def end(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self.service.session_ended(self)

    def success_urc(self, value) -> str:
        return f"{self.prefix}: 1,0"

    def failure_urc(self, code: int) -> str:
        return f"{self.prefix}: 1,{code}"

    # -- timers ------------------------------------------------------------------------------

    def restart_timer(self, name: str, delay: float, callback) -> None:
        self.cancel_timer(name)
        self._timers[name] = self.module.call_later(delay, callback)

    def cancel_timer(self, name: str) -> None:
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.cancel()

    def idle_timed_out(self) -> None:
        self.fail(FtpResult.TIMEOUT)
