"""The embedded FTP server: pyftpdlib on 127.0.0.1, in a thread of its own.

A real server, not a fake: the emulator's FTP sessions and the tests' own
ftplib checks both talk to it over TCP.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import socket
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

from .ftpfaults import ServerFaults, handler_with_faults

# pyftpdlib configures the root logger on first use unless its own logger has a handler
logging.getLogger("pyftpdlib").addHandler(logging.NullHandler())

_FULL_RIGHTS = "elradfmwMT"  # list, cwd, read, append, delete, rename, mkdir, write, chmod, mtime


@dataclass(frozen=True)
class FtpEndpoint:
    """Where a module (or a test) finds an FTP server and how it logs in."""

    host: str
    port: int
    user: str
    password: str
    root: Path | None = None  # local folder behind the server, when it is ours

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


class EmbeddedFtpServer:
    def __init__(
        self,
        root: str | Path | None = None,
        port: int = 0,
        user: str | None = None,
        password: str | None = None,
        handler: type[FTPHandler] = FTPHandler,
    ) -> None:
        self._own_root = root is None
        self.root = Path(tempfile.mkdtemp(prefix="sim7080-ftp-")) if root is None else Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        user = user or "sim" + secrets.token_hex(3)
        password = password or secrets.token_urlsafe(9)
        authorizer = DummyAuthorizer()
        authorizer.add_user(user, password, str(self.root), perm=_FULL_RIGHTS)
        # a subclass per server, so per-server settings never leak into other servers
        self.faults = ServerFaults()  # misbehaviour on demand (emulator/ftpfaults); none by default
        self.handler = handler_with_faults(handler, self.faults, authorizer=authorizer)
        self.handler.banner = "sim7080-hil embedded FTP server ready"
        self.handler.passive_ports = None
        # pyftpdlib answers a wrong password after 3 s to slow down guessing; tests need it now
        self.handler.auth_failed_timeout = 0
        self._ioloop = IOLoop()
        try:
            self._server = FTPServer(("127.0.0.1", port), self.handler, ioloop=self._ioloop)
        except BaseException:  # e.g. the port is taken: leave nothing behind
            self._ioloop.close()
            if self._own_root:
                shutil.rmtree(self.root, ignore_errors=True)
            raise
        host, bound_port = self._server.socket.getsockname()[:2]
        self.endpoint = FtpEndpoint(host, bound_port, user, password, self.root)
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name="sim7080-ftpd", daemon=True)

    def start(self) -> EmbeddedFtpServer:
        self._thread.start()
        return self

    def _serve(self) -> None:
        try:
            due = None
            while not self._stopping:
                # wake when the next scheduled call is due (stalls, throttling, pyftpdlib's
                # timers), not only on I/O or after a whole second
                timeout = 1.0 if due is None else min(due, 1.0)
                due = self._ioloop.loop(timeout=timeout, blocking=False)
        finally:
            self._server.close_all()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._stopping = True
            self._poke()
            self._thread.join(5.0)
        else:
            self._server.close_all()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def _poke(self) -> None:
        # A connection wakes the server's poll at once, so stop() needs no polling interval.
        try:
            with socket.create_connection((self.endpoint.host, self.endpoint.port), timeout=1.0):
                pass
        except OSError:
            pass

    def __enter__(self) -> EmbeddedFtpServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
