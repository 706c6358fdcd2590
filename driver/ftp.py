"""FtpClient: the module's FTP client, one blocking call per operation.

Every operation is one session on the module (it connects, logs in, does the
one thing, disconnects), preceded by the AT+FTP<parameter> commands whose value
changed since they were last sent. An operation holds the modem's FTP lock from
its first parameter to its final URC, so sessions of two threads never mix.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO

from . import ftp_sessions as sessions
from .errors import AtError, DriverError, ModuleReset, ProtocolError, TransferMismatch
from .ftp_errors import RESUMABLE
from .ftp_paths import RemoteFile, directory_path, quoted, split_file_path
from .ftp_settings import FtpSettings
from .payload import PayloadSource

if TYPE_CHECKING:
    from .modem import Modem

log = logging.getLogger(__name__)

PUT_OPTIONS = {"store": "STOR", "append": "APPE", "unique": "STOU"}  # AT+FTPPUTOPT, M105 15.2.4
RESUME_RETRIES = 3

Progress = Callable[[int], None] | None


class FtpClient:
    def __init__(self, modem: Modem, settings: FtpSettings) -> None:
        self.modem = modem
        self.settings = settings

    @property
    def _channel(self):
        return self.modem.channel

    @property
    def _timeouts(self):
        return self.modem.channel.timeouts

    # -- downloads ------------------------------------------------------------------------

    def get(
        self,
        path: str,
        *,
        offset: int = 0,
        resume: bool = False,
        retries: int = RESUME_RETRIES,
        progress: Progress = None,
    ) -> bytes:
        """Download a file through the module's buffer.

        AT+FTPGETPATH="/dir/", AT+FTPGETNAME="file.bin", AT+FTPREST=<offset> (each, and
        each session parameter, only when the module holds another value); AT+FTPGET=1 -> OK,
        `+FTPGET: 1,1`; AT+FTPGET=2,1460 -> `+FTPGET: 2,<n>` + n bytes + OK, repeated;
        `+FTPGET: 1,0` after the last byte. With `resume`, a transfer, timeout or
        connection failure (FtpTransferError, FtpTimeoutError, FtpConnectionError)
        starts a new session at AT+FTPREST=<bytes so far>, up to `retries` times.
        AT+FTPREST goes back to 0 afterwards (the module would keep it).
        """
        buffer = io.BytesIO()
        self.get_to(path, buffer, offset=offset, resume=resume, retries=retries, progress=progress)
        return buffer.getvalue()

    def get_to(
        self,
        path: str,
        fileobj: BinaryIO,
        *,
        offset: int = 0,
        resume: bool = False,
        retries: int = RESUME_RETRIES,
        progress: Progress = None,
    ) -> int:
        """Like get(), writing into `fileobj` as blocks arrive; returns the bytes written.
        `progress(bytes_so_far)` is called after each block."""
        remote = split_file_path(path)
        if offset < 0:
            raise ValueError(f"offset {offset} < 0")
        written = 0

        def sink(block: bytes) -> None:
            nonlocal written
            fileobj.write(block)
            written += len(block)
            if progress is not None:
                progress(written)

        with self._operation(f"get {path}"), self._rest_restored():
            failures = 0
            while True:
                self._prepare(
                    ("GETPATH", quoted(remote.directory)),
                    ("GETNAME", quoted(remote.name)),
                    ("REST", str(offset + written)),
                )
                try:
                    sessions.download(self._channel, "FTPGET", f"get {path}", sink, self._timeouts)
                    return written
                except RESUMABLE as failure:
                    failures += 1
                    if not resume or failures > retries:
                        raise
                    log.warning("get %s broke off after %d bytes (%s); resuming", path, written, failure)

    def list(self, path: str = "/") -> str:
        """The server's LIST output for a directory, or for one file.

        AT+FTPGETPATH="<path>"; AT+FTPLIST=1 -> OK, `+FTPLIST: 1,1`;
        AT+FTPLIST=2,1460 -> `+FTPLIST: 2,<n>` + n bytes + OK, repeated; `+FTPLIST: 1,0`.
        Decoded as UTF-8 (undecodable bytes kept as surrogate escapes).
        """
        directory = directory_path(path)
        parts: list[bytes] = []
        with self._operation(f"list {path}"):
            self._prepare(("GETPATH", quoted(directory)), ("REST", "0"))
            sessions.download(self._channel, "FTPLIST", f"list {path}", parts.append, self._timeouts)
        return b"".join(parts).decode("utf-8", "surrogateescape")

    def get_extended(self, path: str) -> bytes:
        """Download a file (at most 300 KiB) into the module's RAM, then read it back.

        AT+FTPEXTGET=1 -> OK, `+FTPEXTGET: 1,0`; AT+FTPEXTGET? -> `+FTPEXTGET: 1,<size>`;
        AT+FTPEXTGET=3,<pos>,<len> -> `+FTPEXTGET: 3,<n>` + n bytes + OK, per 64 KiB;
        AT+FTPEXTGET=0 (frees the RAM, also after a failure).
        """
        remote = split_file_path(path)
        parts: list[bytes] = []
        with self._operation(f"extended get {path}"):
            self._prepare(*self._get_file(remote), ("REST", "0"))
            sessions.download_extended(self._channel, f"extended get {path}", parts.append, self._timeouts)
        return b"".join(parts)

    def get_transparent(self, path: str, *, verify: bool = True) -> bytes:
        """Download a file in transparent mode.

        AT+FTPETGET=1 -> OK; `+FTPETGET: 1,1`, the file with 0x03 and 0x10 escaped by
        0x10, a bare 0x03, then `+FTPETGET: 1,0`. No other command can go out meanwhile.
        The stream carries no length, so a byte lost on the UART would go unseen: with
        `verify` (binary mode), AT+FTPSIZE afterwards must agree (TransferMismatch if not).
        """
        remote = split_file_path(path)
        parts: list[bytes] = []
        with self._operation(f"transparent get {path}"):
            self._prepare(*self._get_file(remote), ("REST", "0"))
            sessions.download_transparent(
                self._channel, f"transparent get {path}", parts.append, self._timeouts
            )
        data = b"".join(parts)
        self._verify_size(verify, path, len(data), "received")
        return data

    # -- uploads ----------------------------------------------------------------------------

    def put(
        self, path: str, data: bytes | BinaryIO, *, mode: str = "store", progress: Progress = None
    ) -> int:
        """Upload bytes or a binary file object; returns the bytes sent.

        AT+FTPPUTPATH, AT+FTPPUTNAME, AT+FTPPUTOPT="STOR"|"APPE"|"STOU" (mode "store",
        "append", "unique"); AT+FTPPUT=1 -> OK, `+FTPPUT: 1,1,<max>`; per chunk
        AT+FTPPUT=2,<n> -> `+FTPPUT: 2,<cnf>`, cnf raw bytes, OK, `+FTPPUT: 1,1,<max>`;
        AT+FTPPUT=2,0 -> OK, `+FTPPUT: 1,0`.
        """
        remote = split_file_path(path)
        option = _put_option(mode)
        source = PayloadSource(data)
        with self._operation(f"put {path}"):
            self._prepare(*self._put_file(remote), ("PUTOPT", quoted(option)))
            return sessions.upload(self._channel, source, f"put {path}", self._timeouts, progress)

    def put_extended(self, path: str, data: bytes | BinaryIO, *, progress: Progress = None) -> None:
        """Upload at most 320 KiB through the module's RAM.

        AT+FTPEXTPUT=1; AT+FTPEXTPUT=2,<pos>,<len>,<ms> -> `+FTPEXTPUT: <pos>,<len>`, raw
        bytes, OK (per 64 KiB); AT+FTPPUT=1 -> OK, `+FTPPUT: 1,0`; AT+FTPEXTPUT=0.
        """
        remote = split_file_path(path)
        payload = PayloadSource(data).read_all(sessions.EXTPUT_BUFFER)
        with self._operation(f"extended put {path}"):
            self._prepare(*self._put_file(remote), ("PUTOPT", quoted("STOR")))
            sessions.upload_extended(self._channel, payload, f"extended put {path}", self._timeouts, progress)

    def put_transparent(
        self, path: str, data: bytes | BinaryIO, *, progress: Progress = None, verify: bool = True
    ) -> int:
        """Upload in transparent mode; returns the payload bytes sent.

        AT+FTPETPUT=1 -> OK, `+FTPETPUT: 1,1`; AT+FTPETPUT=2 -> (OK) `+FTPETPUT: 2,1`; the
        payload with 0x03 and 0x10 escaped by 0x10, a bare 0x03; OK; `+FTPETPUT: 1,0`.
        The stream carries no length, so a byte the module missed would go unseen: with
        `verify` (binary mode), AT+FTPSIZE afterwards must agree (TransferMismatch if not).
        """
        remote = split_file_path(path)
        source = PayloadSource(data)
        with self._operation(f"transparent put {path}"):
            self._prepare(*self._put_file(remote), ("PUTOPT", quoted("STOR")))
            sent = sessions.upload_transparent(
                self._channel, source, f"transparent put {path}", self._timeouts, progress
            )
        self._verify_size(verify, path, sent, "sent")
        return sent

    # -- single-shot operations ---------------------------------------------------------------

    def size(self, path: str) -> int:
        """AT+FTPSIZE -> OK, `+FTPSIZE: 1,0,<size>` (on GETPATH + GETNAME)."""
        urc = self._single_shot("FTPSIZE", f"size {path}", *self._get_file(split_file_path(path)))
        if not urc.more or not urc.more[0].isdigit():
            raise ProtocolError(f"no size in {urc.text!r}")
        return int(urc.more[0])

    def delete(self, path: str) -> None:
        """AT+FTPDELE -> OK, `+FTPDELE: 1,0` (on GETPATH + GETNAME)."""
        self._single_shot("FTPDELE", f"delete {path}", *self._get_file(split_file_path(path)))

    def mkdir(self, path: str) -> None:
        """AT+FTPGETPATH="<path>"; AT+FTPMKD -> OK, `+FTPMKD: 1,0`."""
        self._single_shot("FTPMKD", f"mkdir {path}", ("GETPATH", quoted(directory_path(path))))

    def rmdir(self, path: str) -> None:
        """AT+FTPGETPATH="<path>"; AT+FTPRMD -> OK, `+FTPRMD: 1,0`."""
        self._single_shot("FTPRMD", f"rmdir {path}", ("GETPATH", quoted(directory_path(path))))

    def rename(self, old: str, new: str) -> None:
        """Old name in GETPATH + GETNAME, new in PUTPATH + PUTNAME; AT+FTPRENAME -> OK,
        `+FTPRENAME: 1,0`."""
        source, target = split_file_path(old), split_file_path(new)
        self._single_shot(
            "FTPRENAME", f"rename {old} to {new}", *self._get_file(source), *self._put_file(target)
        )

    def mdtm(self, path: str) -> datetime:
        """AT+FTPMDTM -> OK, `+FTPMDTM: 1,0,<YYYYMMDDHHMMSS>`; the time in UTC (timezone-aware)."""
        urc = self._single_shot("FTPMDTM", f"mdtm {path}", *self._get_file(split_file_path(path)))
        stamp = urc.more[0] if urc.more else ""
        try:
            moment = datetime.strptime(stamp[:14], "%Y%m%d%H%M%S")
        except ValueError:
            raise ProtocolError(f"no YYYYMMDDHHMMSS time in {urc.text!r}") from None
        return moment.replace(tzinfo=UTC)

    # -- state ----------------------------------------------------------------------------------

    def busy(self) -> bool:
        """AT+FTPSTATE -> `+FTPSTATE: 0|1`: whether a session runs. Does not wait for the FTP lock."""
        fields = self._channel.command("AT+FTPSTATE").fields("+FTPSTATE:")
        return fields[0] == "1"

    def quit(self) -> bool:
        """AT+FTPQUIT: end the running session (its operation then raises FtpQuitError).

        Returns False when no session ran (the module answers ERROR). Does not wait
        for the FTP lock, so another thread can stop a long transfer.
        """
        try:
            self._channel.command("AT+FTPQUIT")
        except AtError:
            return False
        return True

    # -- helpers --------------------------------------------------------------------------------

    def _single_shot(self, verb: str, operation: str, *parameters: tuple[str, str]):
        with self._operation(operation):
            self._prepare(*parameters)
            return sessions.single_shot(self._channel, verb, operation, self._timeouts)

    def _prepare(self, *parameters: tuple[str, str]) -> None:
        """Send the session parameters, then the operation's, skipping unchanged ones.
        A bearer the module reported lost (or lost with a reboot) is activated again first."""
        self.modem.ensure_ready()
        if self.settings.cid in self.modem.lost_bearers:
            self.modem.activate_bearer(self.settings.cid)
        s = self.settings
        common = (
            ("CID", str(s.cid)),
            ("SERV", quoted(s.host)),
            ("PORT", str(s.port)),
            ("UN", quoted(s.user)),
            ("PW", quoted(s.password)),
            ("MODE", "1" if s.passive else "0"),
            ("TYPE", quoted("I" if s.binary else "A")),
        )
        for name, value in common + parameters:
            self.modem.ftp_parameters.set(name, value)

    @staticmethod
    def _get_file(remote: RemoteFile) -> tuple[tuple[str, str], ...]:
        return ("GETPATH", quoted(remote.directory)), ("GETNAME", quoted(remote.name))

    @staticmethod
    def _put_file(remote: RemoteFile) -> tuple[tuple[str, str], ...]:
        return ("PUTPATH", quoted(remote.directory)), ("PUTNAME", quoted(remote.name))

    def _verify_size(self, verify: bool, path: str, count: int, what: str) -> None:
        # SIZE is refused in ASCII mode, where sizes change on the way anyway
        if verify and self.settings.binary:
            stored = self.size(path)
            if stored != count:
                raise TransferMismatch(path, count, stored, what)

    @contextlib.contextmanager
    def _operation(self, name: str):
        """Hold the FTP lock for one operation; a module reboot during it becomes ModuleReset."""
        with self.modem.ftp_lock:
            resets = self.modem.resets_seen
            try:
                yield
            except DriverError as failure:
                if self.modem.resets_seen != resets and not isinstance(failure, ModuleReset):
                    raise ModuleReset(name, failure) from failure
                raise

    @contextlib.contextmanager
    def _rest_restored(self):
        """AT+FTPREST back to 0 when the block ends (the module keeps it until changed)."""
        try:
            yield
        finally:
            if self.modem.ftp_parameters.get("REST") not in ("0", None):
                try:
                    self.modem.ftp_parameters.set("REST", "0")
                except Exception as exc:  # a failure of the download itself matters more
                    log.warning("could not set AT+FTPREST=0: %s", exc)


def _put_option(mode: str) -> str:
    try:
        return PUT_OPTIONS[mode]
    except KeyError:
        raise ValueError(f"mode {mode!r}: one of {sorted(PUT_OPTIONS)}") from None
