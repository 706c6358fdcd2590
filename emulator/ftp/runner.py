"""JobRunner: one module FTP session, run in a worker thread with ftplib.

connect, USER, PASS, TYPE, then PASV or PORT, REST, the command and its data
connection, QUIT. Every failure becomes the module code of the step it
happened in (steps.py). The worker only posts events; it never touches the
module core.
"""

from __future__ import annotations

import ftplib
import logging
import queue
import socket
import threading
from collections.abc import Callable

from .credit import Credit
from .jobs import DataArrived, FtpJob, JobDone, Operation, TransferOpen, UploadSent
from .steps import Step, StepFailed, failure_code

log = logging.getLogger(__name__)

_CHUNK = 65536  # most bytes read from the data socket at once
_MIN_REAL_TIMEOUT = 1.0
_FINISH = object()  # upload queue: the host closed the upload
_ABORT = object()


class _Aborted(Exception):
    pass


class JobRunner:
    def __init__(
        self,
        job: FtpJob,
        post: Callable[[object], None],
        on_exit: Callable[[JobRunner], None],
        real_seconds: Callable[[float], float],
    ) -> None:
        self.job = job
        # Socket timeouts follow the module clock, but never below a floor: a busy CI
        # machine must not pass for a silent server under a small time_scale.
        self.timeout = max(_MIN_REAL_TIMEOUT, real_seconds(job.timeout))
        self.connect_delay = real_seconds(job.connect_delay)
        self._post = post
        self._on_exit = on_exit
        self.credit = Credit(job.window)
        self._uploads: queue.SimpleQueue = queue.SimpleQueue()
        self._aborted = threading.Event()
        self._ftp: ftplib.FTP | None = None
        self._data: socket.socket | None = None
        self._listener: socket.socket | None = None
        self.thread = threading.Thread(target=self._main, name=f"sim7080-ftp-{job.session}", daemon=True)

    # -- other threads ------------------------------------------------------------------

    def start(self) -> None:
        self.thread.start()

    def upload(self, data: bytes) -> None:
        self._uploads.put(data)

    def finish_upload(self) -> None:
        self._uploads.put(_FINISH)

    def abort(self) -> None:
        """Stop at once: sockets are shut so blocking calls return; nothing more is posted."""
        self._aborted.set()
        self.credit.close()
        self._uploads.put(_ABORT)
        for sock in (self._data, self._listener, self._ftp.sock if self._ftp else None):
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    # -- the worker ----------------------------------------------------------------------

    def _main(self) -> None:
        result: int = 0
        value = None
        try:
            value = self._run()
        except StepFailed as failure:
            result = failure.code
            log.debug("session %d: %s", self.job.session, failure)
        except _Aborted:
            pass
        except Exception as exc:  # a bug here must not kill the module: report it as a server error
            log.exception("session %d: unexpected failure", self.job.session)
            result = failure_code(Step.COMMAND, exc)
        finally:
            self._close()
        if not self._aborted.is_set():
            self._post(JobDone(self.job.session, result, value))
        self._on_exit(self)

    def _run(self):
        job = self.job
        if self.connect_delay and self._aborted.wait(self.connect_delay):
            raise _Aborted
        ftp = self._login()
        op = job.operation
        if op.has_data_connection:
            value = self._transfer(ftp)
        else:
            value = self._single(ftp)
        try:
            ftp.quit()
        except (OSError, EOFError, ftplib.Error):
            pass  # the work is done; a server that drops QUIT does not undo it
        return value

    def _login(self) -> ftplib.FTP:
        job = self.job
        with self._step(Step.RESOLVE):
            address = socket.getaddrinfo(job.host, job.port, type=socket.SOCK_STREAM)[0][4]
        ftp = ftplib.FTP(timeout=self.timeout, encoding="latin-1")
        self._ftp = ftp
        with self._step(Step.CONNECT):
            ftp.sock = socket.create_connection(address[:2], timeout=self.timeout)
            ftp.af = ftp.sock.family
            ftp.file = ftp.sock.makefile("r", encoding=ftp.encoding)
            ftp.host, ftp.port = address[0], address[1]
        with self._step(Step.GREETING):
            ftp.welcome = ftp.getresp()
            if not ftp.welcome.startswith("2"):
                raise ftplib.error_reply(ftp.welcome)
        with self._step(Step.USER):
            reply = ftp.sendcmd("USER " + job.user)
        if reply.startswith("3"):
            with self._step(Step.PASS):
                reply = ftp.sendcmd("PASS " + job.password)
        if not reply.startswith("2"):
            raise StepFailed(Step.PASS, failure_code(Step.PASS, ftplib.error_reply(reply)))
        with self._step(Step.TYPE):
            ftp.voidcmd("TYPE I" if job.binary else "TYPE A")
        return ftp

    def _transfer(self, ftp: ftplib.FTP):
        job = self.job
        op = job.operation
        if op is Operation.RETRIEVE:
            command = f"RETR {job.path}"
        elif op is Operation.LIST:
            command = f"LIST {job.path}" if job.path else "LIST"
        else:
            command = f"{job.store_verb} {job.path}" if job.path else job.store_verb
        conn = self._open_data(ftp, command, job.rest if op is Operation.RETRIEVE else 0)
        self._post(TransferOpen(job.session))
        if op is Operation.STORE:
            self._send_upload(conn)
            step = Step.UPLOAD
        else:
            self._receive_download(conn)
            step = Step.DOWNLOAD
        with self._step(step):
            conn.close()
            self._data = None
            ftp.voidresp()  # 226 transfer complete
        return None

    def _open_data(self, ftp: ftplib.FTP, command: str, rest: int) -> socket.socket:
        job = self.job
        listener = None
        if job.passive:
            with self._step(Step.PASV):
                host, port = ftp.makepasv()
                conn = socket.create_connection((host, port), timeout=self.timeout)
            self._data = conn
        else:
            with self._step(Step.PORT):
                # our own listener, on the control connection's address, so it is closed on
                # every path (ftplib's makeport leaks it when PORT is refused)
                listener = socket.create_server((ftp.sock.getsockname()[0], 0), backlog=1)
                self._listener = listener
                ftp.sendport(*listener.getsockname()[:2])
        if rest:
            with self._step(Step.REST):
                reply = ftp.sendcmd(f"REST {rest}")
                if not reply.startswith("3"):
                    raise ftplib.error_reply(reply)
        try:
            with self._step(Step.COMMAND):
                reply = ftp.sendcmd(command)
                if reply.startswith("2"):  # some servers confirm before the 1xx
                    reply = ftp.getresp()
                if not reply.startswith("1"):
                    raise ftplib.error_reply(reply)
        except StepFailed as failure:
            if str(failure.cause).startswith("425"):
                # "can't open data connection": the data path failed, not the command
                data_step = Step.PASV if job.passive else Step.PORT
                raise StepFailed(data_step, data_step.value, failure.cause) from failure
            raise
        if listener is not None:
            with self._step(Step.PORT):
                listener.settimeout(self.timeout)
                conn, _ = listener.accept()
                conn.settimeout(self.timeout)
                listener.close()
                self._listener = None
            self._data = conn
        return self._data

    def _receive_download(self, conn: socket.socket) -> None:
        credit, session, post = self.credit, self.job.session, self._post
        with self._step(Step.DOWNLOAD):
            while True:
                allowed = credit.take(_CHUNK)
                if allowed == 0:
                    raise _Aborted
                data = conn.recv(allowed)
                if len(data) < allowed:
                    credit.give_back(allowed - len(data))
                if not data:
                    return
                post(DataArrived(session, data))

    def _send_upload(self, conn: socket.socket) -> None:
        job = self.job
        with self._step(Step.UPLOAD):
            if job.payload is not None:
                conn.sendall(job.payload)
                return
            while True:
                item = self._uploads.get()
                if item is _FINISH:
                    return
                if item is _ABORT:
                    raise _Aborted
                conn.sendall(item)
                self._post(UploadSent(job.session))

    def _single(self, ftp: ftplib.FTP):
        job = self.job
        op = job.operation
        with self._step(Step.COMMAND):
            if op is Operation.DELETE:
                ftp.voidcmd(f"DELE {job.path}")
            elif op is Operation.MKDIR:
                ftp.voidcmd(f"MKD {job.path}")
            elif op is Operation.RMDIR:
                ftp.voidcmd(f"RMD {job.path}")
            elif op is Operation.RENAME:
                reply = ftp.sendcmd(f"RNFR {job.path}")
                if not reply.startswith("3"):
                    raise ftplib.error_reply(reply)
                ftp.voidcmd(f"RNTO {job.new_path}")
            elif op is Operation.SIZE:
                return int(_reply_value(ftp.sendcmd(f"SIZE {job.path}"), "213"))
            elif op is Operation.MDTM:
                return _reply_value(ftp.sendcmd(f"MDTM {job.path}"), "213")[:14]
        return None

    # -- helpers ------------------------------------------------------------------------

    def _step(self, step: Step) -> _StepGuard:
        return _StepGuard(step, self._aborted)

    def _close(self) -> None:
        for sock in (self._data, self._listener):
            if sock is not None:
                sock.close()
        if self._ftp is not None:
            self._ftp.close()
        self._data = self._listener = None


def _reply_value(reply: str, code: str) -> str:
    if not reply.startswith(code):
        raise ftplib.error_reply(reply)
    value = reply[4:].strip()
    if not value or not value[0].isdigit():
        raise ftplib.error_proto(reply)
    return value.split()[0]


class _StepGuard:
    """Turns any failure inside the block into StepFailed with that step's code."""

    __slots__ = ("step", "aborted")

    def __init__(self, step: Step, aborted: threading.Event) -> None:
        self.step = step
        self.aborted = aborted

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or isinstance(exc, (StepFailed, _Aborted)):
            return False
        if self.aborted.is_set():
            raise _Aborted from exc
        if isinstance(exc, (OSError, EOFError, ftplib.Error, ValueError)):
            raise StepFailed(self.step, failure_code(self.step, exc), exc) from exc
        return False
