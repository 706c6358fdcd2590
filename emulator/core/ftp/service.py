"""FtpService: the module's FTP sessions, one at a time, and the extended buffers.

Handlers ask it to start operations and to move data; the FTP engine's events
reach the running session through it. Events of a session that is no longer
running (aborted by FTPQUIT, a bearer loss, a reboot) are ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...ftp.jobs import (
    ENGINE_EVENTS,
    AbortJob,
    DataArrived,
    FtpJob,
    JobDone,
    Operation,
    TransferOpen,
    UploadSent,
)
from ..errors import FtpResult, state_violation
from ..replies import Reply
from .download import DownloadSession
from .extended import ExtendedGetSession
from .overrides import JobOverrides
from .paths import dial_target, remote_path
from .session import Session
from .single import MdtmSession, SingleSession, SizeSession
from .transparent import TransparentGetSession, TransparentPutSession
from .upload import BufferUploadSession, UploadSession

if TYPE_CHECKING:
    from ..module import ModuleCore


class FtpService:
    def __init__(self, module: ModuleCore) -> None:
        self.module = module
        self.session: Session | None = None
        self._last_id = 0
        self.extput_mode = False  # AT+FTPEXTPUT=1
        self.extput = bytearray()
        self.extget_mode = 0  # AT+FTPEXTGET=1 until AT+FTPEXTGET=0
        self.extget = bytearray()
        self.job_overrides = JobOverrides()  # scripted: survives reboots, cleared by the control API

    @property
    def config(self):
        return self.module.state.ftp

    @property
    def busy(self) -> bool:
        return self.session is not None

    # -- the Services protocol ------------------------------------------------------------

    def accepts(self, event: object) -> bool:
        return isinstance(event, ENGINE_EVENTS)

    def on_event(self, event) -> None:
        session = self.session
        if session is None or event.session != session.id:
            return  # from a session that has already ended
        if isinstance(event, DataArrived):
            session.on_data(event.data)
            self.transferred(session, len(event.data))
        elif isinstance(event, TransferOpen):
            session.on_transfer_open()
        elif isinstance(event, UploadSent):
            session.on_upload_sent()
        elif isinstance(event, JobDone):
            session.on_done(event.result, event.value)

    def reset(self) -> None:
        if self.session is not None:
            self.module.act(AbortJob(self.session.id))
        self.session = None
        self.extput_mode, self.extput = False, bytearray()
        self.extget_mode, self.extget = 0, bytearray()

    def on_bearer_down(self, context: int) -> None:
        if self.session is not None and self.session.cid == context:
            self.session.fail(FtpResult.NET_ERROR)

    def session_ended(self, session: Session) -> None:
        if self.session is session:
            self.session = None

    # -- starting operations (each answers OK; the outcome comes as a URC) --------------------

    def get(self) -> None:
        cfg = self.config
        path = remote_path(cfg.get_path, cfg.get_name)
        job = self._job(Operation.RETRIEVE, path, rest=cfg.rest)
        self._launch("get", DownloadSession(self, job, cfg.cid, "+FTPGET"), cfg.get_name)

    def list(self) -> None:
        cfg = self.config
        job = self._job(Operation.LIST, cfg.get_path)
        self._launch("list", DownloadSession(self, job, cfg.cid, "+FTPLIST"))

    def put(self) -> None:
        cfg = self.config
        path = remote_path(cfg.put_path, cfg.put_name)
        # STOU needs no name: the server picks one
        name_needed = cfg.put_name or cfg.putopt == "STOU"
        if self.extput_mode:
            job = self._job(Operation.STORE, path, store_verb=cfg.putopt, payload=bytes(self.extput))
            self._launch("extput", BufferUploadSession(self, job, cfg.cid), name_needed)
        else:
            job = self._job(Operation.STORE, path, store_verb=cfg.putopt)
            self._launch("put", UploadSession(self, job, cfg.cid), name_needed)

    def single(self, operation: Operation, prefix: str) -> None:
        """DELE, SIZE, MDTM (GETPATH+GETNAME), MKD, RMD (GETPATH), RENAME (to PUTPATH+PUTNAME)."""
        cfg = self.config
        file_path = remote_path(cfg.get_path, cfg.get_name)
        if operation in (Operation.MKDIR, Operation.RMDIR):
            job, needed = self._job(operation, cfg.get_path), (cfg.get_path,)
        elif operation is Operation.RENAME:
            new_path = remote_path(cfg.put_path or cfg.get_path, cfg.put_name)
            job, needed = self._job(operation, file_path, new_path=new_path), (cfg.get_name, cfg.put_name)
        else:
            job, needed = self._job(operation, file_path), (cfg.get_name,)
        kind = {Operation.SIZE: SizeSession, Operation.MDTM: MdtmSession}.get(operation, SingleSession)
        self._launch(_OPERATION_NAMES[operation], kind(self, job, cfg.cid, prefix), *needed)

    def extended_get(self) -> None:
        cfg = self.config
        path = remote_path(cfg.get_path, cfg.get_name)
        limit = self.module.profile.limits.extget_buffer
        if self.session is None:
            self.extget = bytearray()
            self.extget_mode = 1
        # one byte past the RAM size, so an oversized file is noticed rather than cut silently
        job = self._job(Operation.RETRIEVE, path, rest=cfg.rest, window=limit + 1)
        self._launch("extget", ExtendedGetSession(self, job, cfg.cid, self.extget), cfg.get_name)

    def transparent_get(self) -> None:
        cfg = self.config
        path = remote_path(cfg.get_path, cfg.get_name)
        job = self._job(Operation.RETRIEVE, path, rest=cfg.rest)
        self._launch("etget", TransparentGetSession(self, job, cfg.cid), cfg.get_name)

    def transparent_put(self) -> None:
        cfg = self.config
        path = remote_path(cfg.put_path, cfg.put_name)
        job = self._job(Operation.STORE, path, store_verb=cfg.putopt)
        self._launch("etput", TransparentPutSession(self, job, cfg.cid), cfg.put_name or cfg.putopt == "STOU")

    # -- host data -------------------------------------------------------------------------

    def read(self, prefix: str, most: int) -> Reply:
        """AT+FTPGET=2,n / AT+FTPLIST=2,n: `+FTPGET: 2,<k>`, k bytes, OK."""
        session = self.session
        if not isinstance(session, DownloadSession) or session.prefix != prefix:
            raise state_violation()  # AN 5.6: no session, or it has ended
        data, credit = session.read(most)
        return Reply([f"{prefix}: 2,{len(data)}"], payload=data, then=credit)

    def running(self, kind: type[Session]) -> Session:
        if not isinstance(self.session, kind):
            raise state_violation()
        return self.session

    def quit(self) -> None:
        """AT+FTPQUIT: the running operation ends with its own URC and code 80."""
        if self.session is None:
            raise state_violation()  # AN 5.16 / M105: FTPQUIT while idle is an error
        self.session.fail(FtpResult.MANUAL_QUIT)

    # -- helpers ----------------------------------------------------------------------------------

    def _job(self, operation: Operation, path: str, **extra) -> FtpJob:
        cfg, profile = self.config, self.module.profile
        host, port = dial_target(cfg.server, cfg.port, profile.host_map)
        self._last_id += 1
        settings = dict(
            session=self._last_id,
            operation=operation,
            host=host,
            port=port,
            user=cfg.user,
            password=cfg.password,
            path=path,
            binary=cfg.type == "I",
            passive=cfg.mode == 1,
            window=profile.limits.download_buffer,
            connect_delay=profile.timings.connect_latency,
            timeout=profile.timings.server_timeout,
        )
        settings.update(extra)
        return FtpJob(**settings)

    def _launch(self, operation: str, session: Session, *required: str) -> None:
        module = self.module
        session.operation = operation
        if self.session is not None or not all(required) or not self.config.server:
            # a session already runs, or a parameter is missing: AN 5.5 shows 66 for both
            module.urc(session.failure_urc(FtpResult.OPERATION_NOT_ALLOWED))
            return
        if not module.state.bearers[session.cid].active:
            module.urc(session.failure_urc(FtpResult.NET_ERROR))
            return
        self.session = session
        module.triggers.session_opening(operation)  # scripted faults may end it right here
        if self.session is session:
            session.start()

    def transferred(self, session: Session, amount: int) -> None:
        """Payload bytes moved by `session` (for faults scheduled after N bytes)."""
        self.module.triggers.transferred(amount, session.operation)


_OPERATION_NAMES = {
    Operation.DELETE: "dele",
    Operation.SIZE: "size",
    Operation.MKDIR: "mkd",
    Operation.RMDIR: "rmd",
    Operation.RENAME: "rename",
    Operation.MDTM: "mdtm",
}
