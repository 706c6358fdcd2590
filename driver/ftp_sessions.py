"""The AT exchanges of each FTP session kind, from the command that opens it to its final URC.

Each function runs one session on a channel whose FTP parameters are already
set, and raises FtpError (the module's code), AtError/CmeError (a command
refused) or AtTimeout. Which URCs mean what: reference sections 4.1-4.15.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from .channel import AtChannel
from .errors import AtError, AtTimeout, DriverError, ModuleReset, ProtocolError
from .escaping import END, escape
from .events import Event, TransparentData, TransparentEnd, UploadPrompt, Urc
from .ftp_errors import FtpCode, FtpError, ftp_error
from .payload import PayloadSource
from .response import split_fields
from .status_urcs import RESET_URCS
from .subscription import UrcSubscription
from .timeouts import Timeouts

log = logging.getLogger(__name__)

READ_LENGTH = 1460  # largest <reqlength> of AT+FTPGET=2 / AT+FTPLIST=2, M105 15.2.14 / 15.2.22
PUT_WINDOW = 1360  # <maxlength> of +FTPPUT: 1,1,<maxlength> in every SIMCom example, AN 5.2
PUT_LIMIT = 1460  # largest <reqlength> of AT+FTPPUT=2, M105 15.2.15
EXTPUT_BUFFER = 320 * 1024  # <pos>+<len> of AT+FTPEXTPUT=2, M105 15.2.19
EXTPUT_PIECE = 64 * 1024  # bytes per AT+FTPEXTPUT=2 command
EXTPUT_WINDOW_MS = (1000, 1000000)  # range of its <timeout>, M105 15.2.19
EXTGET_PIECE = 64 * 1024  # bytes per AT+FTPEXTGET=3 read (up to 320 K allowed, M105 15.2.23)
TRANSPARENT_PIECE = 16 * 1024  # payload bytes escaped and written at once in FTPETPUT

Progress = Callable[[int], None] | None


@dataclass(frozen=True)
class SessionUrc:
    """`+FTPxxx: 1,<code>[,<more>...]`, split."""

    text: str
    code: int
    more: tuple[str, ...]

    @classmethod
    def parse(cls, event: Event, tag: str) -> SessionUrc:
        if not isinstance(event, Urc) or not event.text.startswith(tag):
            raise ProtocolError(f"expected a {tag} URC, got {event!r}")
        fields = split_fields(event.text[len(tag) :])
        if len(fields) < 2 or fields[0] != "1" or not fields[1].isdigit():
            raise ProtocolError(f"malformed session URC {event.text!r}")
        return cls(event.text, int(fields[1]), tuple(fields[2:]))

    @property
    def ended(self) -> bool:
        return self.code != FtpCode.DATA_READY


class Session:
    """The URCs of one session kind (`+FTPGET: 1,…`), subscribed before it is opened."""

    def __init__(self, channel: AtChannel, verb: str, operation: str, timeouts: Timeouts) -> None:
        self.channel = channel
        self.tag = f"+{verb}: "
        self.operation = operation
        self.timeouts = timeouts
        # the reset URCs too: a module that reboots mid-session will never end it
        self.urcs: UrcSubscription = channel.subscribe((f"+{verb}: 1,", *RESET_URCS))
        self.last_command = ""
        self.opened = False  # the opening command was accepted: the module runs a session

    def close(self) -> None:
        self.urcs.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, kind, failure, traceback) -> None:
        try:
            if failure is not None and self.opened and not isinstance(failure, FtpError):
                self._abandon()
        finally:
            self.close()

    def command(self, command: str, **kwargs):
        self.last_command = command
        try:
            response = self.channel.command(command, **kwargs)
        except AtError:
            raise  # refused: the module did not take it
        except DriverError:
            self.opened = True  # no answer (or a broken one): the module may have taken it
            raise
        self.opened = True
        return response

    def _abandon(self) -> None:
        """The host gave up on a session the module may still run (a broken answer, a
        timeout): AT+FTPQUIT ends it, so the next operation does not meet a busy module."""
        limit = self.timeouts.scaled(self.timeouts.command)
        try:
            self.channel.command("AT+FTPQUIT", timeout=limit)
            while not self.parse(self.urcs.wait(limit, "AT+FTPQUIT")).ended:
                pass  # its own end, +<verb>: 1,80, belongs to this session
        except DriverError:
            pass  # nothing ran any more, or the module is not answering: the caller has the story

    def parse(self, event: Event) -> SessionUrc:
        """The session URC `event` is; ModuleReset when it is the module restarting."""
        if isinstance(event, Urc) and event.text.startswith(RESET_URCS):
            raise ModuleReset(self.operation)
        return SessionUrc.parse(event, self.tag)

    def next_urc(self, timeout: float | None = None) -> SessionUrc:
        limit = timeout if timeout is not None else self.timeouts.scaled(self.timeouts.ftp_session)
        event = self.urcs.wait(limit, self.last_command, f"URC {self.tag}1,<status>")
        return self.parse(event)

    def poll_end(self) -> SessionUrc | None:
        """An ending URC already queued, if any; repeated `…: 1,1` are dropped."""
        while (event := self.urcs.poll()) is not None:
            urc = self.parse(event)
            if urc.ended:
                return urc
        return None

    def end_after_refusal(self, refusal: AtError) -> SessionUrc:
        """A command of the session was refused: usually the session just ended (its
        URC crossed the command on the line). Return that URC, or re-raise."""
        deadline = time.monotonic() + self.timeouts.scaled(self.timeouts.command)
        while (left := deadline - time.monotonic()) > 0:
            event = self.urcs.get(left)
            if event is None:
                break
            urc = self.parse(event)
            if urc.ended:
                return urc
        raise refusal

    def fail(self, urc: SessionUrc, transferred: int | None = None):
        return ftp_error(urc.code, self.operation, transferred=transferred, urc=urc.text)

    def expect_success(self, urc: SessionUrc, transferred: int | None = None) -> SessionUrc:
        if urc.code != FtpCode.SUCCESS:
            raise self.fail(urc, transferred)
        return urc


# -- single-shot sessions: DELE, SIZE, MKD, RMD, RENAME, MDTM -----------------------------


def single_shot(channel: AtChannel, verb: str, operation: str, timeouts: Timeouts) -> SessionUrc:
    """`AT+<verb>` -> OK, then `+<verb>: 1,0[,<value>]`; the success URC is returned."""
    with Session(channel, verb, operation, timeouts) as session:
        session.command(f"AT+{verb}")
        urc = session.next_urc()
        while not urc.ended:  # no `1,1` stage in these sessions; tolerate one anyway
            urc = session.next_urc()
        return session.expect_success(urc)


# -- FTPGET / FTPLIST: data announced by URC, read in blocks -------------------------------


def download(
    channel: AtChannel,
    verb: str,
    operation: str,
    sink: Callable[[bytes], None],
    timeouts: Timeouts,
) -> int:
    """AT+<verb>=1 -> OK; `+<verb>: 1,1` (data waits) -> AT+<verb>=2,1460 until a short block;
    again at each `1,1`; done at `+<verb>: 1,0`, which follows the last read."""
    received = 0
    with Session(channel, verb, operation, timeouts) as session:
        session.command(f"AT+{verb}=1")
        urc = session.next_urc()
        quiet_since = time.monotonic()
        idle_limit = timeouts.scaled(timeouts.ftp_session)
        while True:
            if urc.ended:
                session.expect_success(urc, received)
                return received
            ended, got = _read_available(session, verb, sink)
            received += got
            if got:
                quiet_since = time.monotonic()
            if ended is not None:
                urc = ended
                continue
            event = session.urcs.get(timeouts.scaled(timeouts.data_poll))
            if event is not None:
                urc = session.parse(event)
            elif time.monotonic() - quiet_since > idle_limit:
                tail, location = channel.diagnostics()
                waited = time.monotonic() - quiet_since
                raise AtTimeout(
                    session.last_command, waited, tail, f"data or URC {session.tag}1,<status>", location
                )


def _read_available(
    session: Session, verb: str, sink: Callable[[bytes], None]
) -> tuple[SessionUrc | None, int]:
    """Read blocks until one comes short (the module's buffer is empty for now).

    Returns an ending URC if the session ended meanwhile, and the bytes read.
    """
    got = 0
    while True:
        ended = session.poll_end()
        if ended is not None:
            return ended, got
        try:
            response = session.command(f"AT+{verb}=2,{READ_LENGTH}")
        except AtError as refusal:
            return session.end_after_refusal(refusal), got
        if response.blocks != 1:
            # the +<verb>: 2,<n> header was garbled on the line: its data went missing
            raise ProtocolError(f"{response.command}: OK without a data block; the read's data was lost")
        block = response.data
        if block:
            sink(block)
            got += len(block)
        if len(block) < READ_LENGTH:
            return None, got


# -- FTPPUT: a window announced by URC, filled with AT+FTPPUT=2,<n> --------------------------


def upload(
    channel: AtChannel, source: PayloadSource, operation: str, timeouts: Timeouts, progress: Progress = None
) -> int:
    """AT+FTPPUT=1 -> OK, `+FTPPUT: 1,1,<max>`; per chunk AT+FTPPUT=2,<n> -> `+FTPPUT: 2,<cnf>`,
    cnf raw bytes, OK, and the next `+FTPPUT: 1,1,<max>`; then AT+FTPPUT=2,0 -> OK, `+FTPPUT: 1,0`."""
    with Session(channel, "FTPPUT", operation, timeouts) as session:
        session.command("AT+FTPPUT=1")
        window = _put_window(session, source.taken)
        while chunk := source.peek(window):
            try:
                confirmed = _put_chunk(session, chunk)
            except AtError as refusal:
                raise session.fail(session.end_after_refusal(refusal), source.taken) from refusal
            source.advance(confirmed)
            if progress is not None:
                progress(source.taken)
            # a real module may refuse the next chunk until it says it has room
            window = _put_window(session, source.taken)
        try:
            session.command("AT+FTPPUT=2,0")
        except AtError as refusal:
            raise session.fail(session.end_after_refusal(refusal), source.taken) from refusal
        session.expect_success(session.next_urc(), source.taken)
        return source.taken


def _put_window(session: Session, sent: int) -> int:
    urc = session.next_urc()
    if urc.ended:
        if urc.code == FtpCode.SUCCESS:
            raise ProtocolError(f"{urc.text} before the upload was closed")
        raise session.fail(urc, sent)
    window = int(urc.more[0]) if urc.more and urc.more[0].isdigit() else PUT_WINDOW
    return max(1, min(window, PUT_LIMIT))


def _put_chunk(session: Session, chunk: bytes) -> int:
    confirmed = 0

    def send(prompt: UploadPrompt) -> None:
        nonlocal confirmed
        if not 0 < prompt.length <= len(chunk):
            raise ProtocolError(f"{prompt.text} for a request of {len(chunk)} bytes")
        confirmed = prompt.length
        session.channel.write_raw(chunk[:confirmed])

    session.last_command = f"AT+FTPPUT=2,{len(chunk)}"
    response = session.channel.upload(session.last_command, send)
    if response.prompt is None:
        raise ProtocolError(f"{session.last_command} ended without +FTPPUT: 2,<n>")
    return confirmed


# -- FTPEXTPUT: fill the module's RAM, then one AT+FTPPUT=1 ----------------------------------


def upload_extended(
    channel: AtChannel, data: bytes, operation: str, timeouts: Timeouts, progress: Progress = None
) -> None:
    """AT+FTPEXTPUT=1; AT+FTPEXTPUT=2,<pos>,<len>,<ms> -> `+FTPEXTPUT: <pos>,<len>`, raw bytes, OK
    (per piece); AT+FTPPUT=1 -> OK, `+FTPPUT: 1,0`; finally AT+FTPEXTPUT=0."""
    if len(data) > EXTPUT_BUFFER:
        raise ValueError(f"{len(data)} bytes: the extended upload buffer holds {EXTPUT_BUFFER}")
    channel.command("AT+FTPEXTPUT=1")
    with _finally_command(channel, "AT+FTPEXTPUT=0"):
        position = 0
        while position < len(data):
            piece = data[position : position + EXTPUT_PIECE]
            position += _extput_piece(channel, timeouts, position, piece)
            if progress is not None:
                progress(position)
        with Session(channel, "FTPPUT", operation, timeouts) as session:
            session.command("AT+FTPPUT=1")
            session.expect_success(session.next_urc(), len(data))


def _extput_piece(channel: AtChannel, timeouts: Timeouts, position: int, piece: bytes) -> int:
    # the module's own wait for the bytes: their line time, with room to spare
    window_ms = int(1000 + 1000 * timeouts.line_time(len(piece), channel.baudrate))
    window_ms = max(EXTPUT_WINDOW_MS[0], min(window_ms, EXTPUT_WINDOW_MS[1]))
    command = f"AT+FTPEXTPUT=2,{position},{len(piece)},{window_ms}"
    taken = 0

    def send(prompt: UploadPrompt) -> None:
        nonlocal taken
        if prompt.position != position or not 0 < prompt.length <= len(piece):
            raise ProtocolError(f"{prompt.text} answering {command}")
        taken = prompt.length
        channel.write_raw(piece[:taken])

    response = channel.upload(command, send)
    if response.prompt is None:
        raise ProtocolError(f"{command} ended without +FTPEXTPUT: <pos>,<len>")
    return taken


# -- FTPEXTGET: the whole file into the module's RAM, then read it back ------------------------


def download_extended(
    channel: AtChannel, operation: str, sink: Callable[[bytes], None], timeouts: Timeouts
) -> int:
    """AT+FTPEXTGET=1 -> OK, `+FTPEXTGET: 1,0` once the file is in RAM; AT+FTPEXTGET? ->
    `+FTPEXTGET: 1,<size>`; AT+FTPEXTGET=3,<pos>,<len> -> block (per piece); AT+FTPEXTGET=0."""
    with Session(channel, "FTPEXTGET", operation, timeouts) as session:
        session.command("AT+FTPEXTGET=1")
        with _finally_command(channel, "AT+FTPEXTGET=0"):
            session.expect_success(session.next_urc())
            fields = channel.command("AT+FTPEXTGET?").fields("+FTPEXTGET:")
            if len(fields) < 2 or not fields[1].isdigit():
                raise ProtocolError(f"AT+FTPEXTGET? answered {fields!r}")
            size = int(fields[1])
            position = 0
            while position < size:
                length = min(EXTGET_PIECE, size - position)
                block = channel.command(f"AT+FTPEXTGET=3,{position},{length}").data
                if not block:
                    raise ProtocolError(f"AT+FTPEXTGET=3,{position},{length} returned no data")
                sink(block)
                position += len(block)
            return size


# -- FTPETPUT / FTPETGET: DLE/ETX-escaped transparent mode -------------------------------------


def upload_transparent(
    channel: AtChannel, source: PayloadSource, operation: str, timeouts: Timeouts, progress: Progress = None
) -> int:
    """AT+FTPETPUT=1 -> OK, `+FTPETPUT: 1,1`; AT+FTPETPUT=2 -> [OK] `+FTPETPUT: 2,1`, escaped
    payload, bare ETX, OK; then `+FTPETPUT: 1,0`."""
    with Session(channel, "FTPETPUT", operation, timeouts) as session:
        session.command("AT+FTPETPUT=1")
        urc = session.next_urc()
        if urc.ended:
            raise session.fail(urc, 0)

        def send(prompt: UploadPrompt) -> None:
            for piece in source.chunks(TRANSPARENT_PIECE):
                channel.write_raw(escape(piece))
                if progress is not None:
                    progress(source.taken)
            channel.write_raw(END)

        session.last_command = "AT+FTPETPUT=2"
        try:
            response = channel.upload("AT+FTPETPUT=2", send)
        except AtError as refusal:
            raise session.fail(session.end_after_refusal(refusal), source.taken) from refusal
        if response.prompt is None:
            raise ProtocolError("AT+FTPETPUT=2 ended without +FTPETPUT: 2,1")
        session.expect_success(session.next_urc(), source.taken)
        return source.taken


def download_transparent(
    channel: AtChannel, operation: str, sink: Callable[[bytes], None], timeouts: Timeouts
) -> int:
    """AT+FTPETGET=1 -> OK; `+FTPETGET: 1,1`, the escaped file, a bare ETX, `+FTPETGET: 1,0`.

    The command lock is held throughout: while the module streams, it takes no commands.
    """
    received = 0
    limit = timeouts.scaled(timeouts.ftp_session)
    # one subscription takes the URCs and the stream that `+FTPETGET: 1,1` opens
    with channel.exclusive(), channel.subscribe("+FTPETGET: ") as events:
        channel.command("AT+FTPETGET=1")
        urc = SessionUrc.parse(events.wait(limit, "AT+FTPETGET=1"), "+FTPETGET: ")
        if urc.ended:  # a failure before the stream (no 1,1 at all)
            if urc.code != FtpCode.SUCCESS:
                raise ftp_error(urc.code, operation, transferred=0, urc=urc.text)
            return 0
        while True:
            event = events.wait(limit, "AT+FTPETGET=1", "escaped data or its ETX")
            if isinstance(event, TransparentData):
                sink(event.data)
                received += len(event.data)
            elif isinstance(event, TransparentEnd):
                break
            else:
                raise ProtocolError(f"{event!r} inside the FTPETGET stream")
        urc = SessionUrc.parse(events.wait(limit, "AT+FTPETGET=1"), "+FTPETGET: ")
        if urc.code != FtpCode.SUCCESS:
            raise ftp_error(urc.code, operation, transferred=received, urc=urc.text)
        return received


@contextlib.contextmanager
def _finally_command(channel: AtChannel, command: str):
    """Send `command` when the block ends; if the block failed, its error wins."""
    try:
        yield
    except BaseException:
        try:
            channel.command(command)
        except Exception as exc:
            log.warning("%s after a failure: %s", command, exc)
        raise
    else:
        channel.command(command)
