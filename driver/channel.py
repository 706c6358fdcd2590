"""AtChannel: one serial port, one reader thread, one command at a time.

    channel = AtChannel.open("/dev/ttyUSB0")       # any pyserial URL: socket://, rfc2217://, ...
    channel.synchronize()                          # AT until OK, then ATE0, AT+CMEE=2
    response = channel.command("AT+CNACT?")        # Response(lines=(...), data=b"")
    with channel.subscribe("+FTPGET: 1,") as urcs: ...

The reader thread feeds every byte to an AtParser and routes its events: lines,
blocks, prompts and results to the command in flight; URCs to the subscribers
whose prefix matches; anything nobody took to `unconsumed()`.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import serial

from .errors import AtError, AtTimeout, ChannelClosed, CmeError, ProtocolError, show_bytes
from .events import (
    CmeErrorResult,
    DataBlock,
    Echo,
    Error,
    Event,
    InformationLine,
    Ok,
    TransparentData,
    TransparentEnd,
    UploadPrompt,
    Urc,
)
from .parser import TRANSPARENT_GET_START, AtParser
from .port_reader import READ_TIMEOUT, bulk_reader
from .response import Response
from .response_shapes import ResponseShape, shape_for
from .subscription import UrcSubscription
from .timeouts import Timeouts

log = logging.getLogger(__name__)

TAIL_BYTES = 1024  # received bytes kept for error messages
SYNC_ATTEMPTS = 10
SYNC_ATTEMPT_TIMEOUT = 0.5
# Sent before the next command after a timeout. Its answer has a line (`+CMEE: <n>`)
# that no other command gives, so the late OK of the command given up on is not
# taken for it, and the answers do not stay one command behind from then on.
RESYNC_COMMAND = "AT+CMEE?"


@dataclass
class _Exchange:
    """The command in flight and what came back for it so far."""

    shape: ResponseShape
    received_at_start: int
    started: float = field(default_factory=time.monotonic)
    echo_seen: bool = False
    lines: list[str] = field(default_factory=list)
    blocks: list[bytes] = field(default_factory=list)
    broken_blocks: int = 0  # blocks not followed by CR LF: bytes were lost on the line
    prompt: UploadPrompt | None = None
    final: Ok | Error | CmeErrorResult | None = None


class AtChannel:
    def __init__(self, port: serial.SerialBase, *, timeouts: Timeouts | None = None, recorder=None) -> None:
        self.port = port
        self.timeouts = timeouts or Timeouts()
        self.recorder = recorder
        self._parser = AtParser()
        self._command_lock = threading.RLock()
        self._owner: int | None = None  # thread holding the command lock
        self._depth = 0
        self._state = threading.Condition()  # guards everything below; notified on every event
        self._exchange: _Exchange | None = None
        self._subscriptions: list[UrcSubscription] = []
        self._stream_owners: list[UrcSubscription] = []
        self._unconsumed: list[Event] = []
        self._tail = bytearray()
        self._received = 0
        self._failure: BaseException | None = None
        self._closed = False
        self._stale = False  # a command timed out: its answer may still come
        self._written = 0
        self._read = bulk_reader(port)
        self._reader = threading.Thread(target=self._read_loop, name=f"at-reader {port.name}", daemon=True)
        self._reader.start()

    @classmethod
    def open(
        cls, url: str, *, baudrate: int = 115200, timeouts: Timeouts | None = None, recorder=None, **options
    ) -> AtChannel:
        """Open any pyserial URL (a device path, `socket://host:port`, `rfc2217://host:port`, ...)."""
        port = serial.serial_for_url(url, baudrate=baudrate, timeout=READ_TIMEOUT, **options)
        return cls(port, timeouts=timeouts, recorder=recorder)

    # -- commands ------------------------------------------------------------------------

    def command(self, command: str, *, timeout: float | None = None) -> Response:
        """Send one command line and wait for its final result.

        Returns the information lines and data blocks; raises AtError / CmeError on
        `ERROR` / `+CME ERROR`, AtTimeout when no final result comes in time.
        """
        shape = shape_for(command)
        if shape.prompt is not None:
            raise ValueError(f"{command} waits for a payload: use upload()")
        with self.exclusive():
            exchange = self._start(shape)
            limit = timeout if timeout is not None else self._timeout_for(command)
            self._await(exchange, lambda: exchange.final is not None, limit, "final result")
            return self._finish(exchange)

    def upload(
        self,
        command: str,
        send_payload: Callable[[UploadPrompt], None],
        *,
        timeout: float | None = None,
    ) -> Response:
        """Send a command that prompts for a payload (`AT+FTPPUT=2,n`, `AT+FTPEXTPUT=2,…`,
        `AT+FTPETPUT=2`); at the prompt call `send_payload(prompt)`, which writes with
        `write_raw()`; then wait for the final result. An `OK` before `+FTPETPUT: 2,1`
        (as the application note shows it) is taken as part of the preamble.
        """
        shape = shape_for(command)
        if shape.prompt is None:
            raise ValueError(f"{command} has no upload prompt: use command()")
        with self.exclusive():
            exchange = self._start(shape)
            limit = timeout if timeout is not None else self._timeout_for(command)
            self._await(
                exchange,
                lambda: exchange.prompt is not None or exchange.final is not None,
                limit,
                f"upload prompt {shape.prompt}",
            )
            if exchange.final is None:
                before = self._written
                try:
                    send_payload(exchange.prompt)
                except BaseException:
                    self._stale = True  # the module may still wait for payload bytes
                    raise
                sent = self._written - before
                limit += self.timeouts.line_time(sent, self.baudrate)
                self._await(
                    exchange, lambda: exchange.final is not None, limit, "final result after the payload"
                )
            return self._finish(exchange)

    def write_raw(self, data: bytes) -> None:
        """Write payload bytes, unframed; only while holding the command lock (an upload phase)."""
        if self._owner != threading.get_ident():
            raise RuntimeError("write_raw() outside the command lock: use it from upload() or exclusive()")
        self._write(data)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[AtChannel]:
        """Hold the command lock: no other thread's command can interleave."""
        with self._command_lock:
            self._owner = threading.get_ident()
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
                if not self._depth:
                    self._owner = None

    def synchronize(
        self, attempts: int = SYNC_ATTEMPTS, attempt_timeout: float = SYNC_ATTEMPT_TIMEOUT
    ) -> None:
        """Find the module in a known state.

        Drops pending input, sends `AT` until `OK` (at most `attempts` times), then
        `ATE0` (echo off) and `AT+CMEE=2` (errors as text); after a missed attempt,
        `AT+CMEE?` first, so a late OK is not taken for ATE0's. Whatever arrived
        until then is discarded from `unconsumed()`.
        """
        with self.exclusive():
            with self._state:
                # Drop what came so far by forgetting it: a flush of the port's input
                # under the reader thread's read makes pyserial report a dead device.
                self._check_open()
                self._parser = AtParser()
                self._exchange = None
                self._unconsumed.clear()
            started, missed = time.monotonic(), False
            for _ in range(attempts):
                self._stale = False  # the attempts themselves need no resynchronising
                try:
                    self.command("AT", timeout=attempt_timeout)
                    break
                except AtTimeout:
                    missed = True
                except AtError:
                    continue
            else:
                tail, location = self.diagnostics()
                raise AtTimeout(
                    "AT", time.monotonic() - started, tail, f"OK in {attempts} attempts", location
                )
            # the OK may have been a missed attempt's: make sure of the next answers
            self._stale = missed
            self.command("ATE0")
            self.command("AT+CMEE=2")
            self.clear_unconsumed()

    # -- URCs and leftovers ----------------------------------------------------------------

    def subscribe(
        self, prefix: str | tuple[str, ...], callback: Callable[[Event], None] | None = None
    ) -> UrcSubscription:
        """URCs starting with `prefix` (a string or a tuple of them) from now on.

        Without `callback` they queue in the subscription (`get()`, `wait()`); with
        one, it runs on the reader thread, in stream order, and must be quick and
        send no command (the reader would wait for its own answer).
        """
        prefixes = (prefix,) if isinstance(prefix, str) else tuple(prefix)
        subscription = UrcSubscription(self, prefixes, callback)
        with self._state:
            if self._closed or self._failure is not None:
                subscription._close_queue(self._failure)
            self._subscriptions.append(subscription)
        return subscription

    def unsubscribe(self, subscription: UrcSubscription) -> None:
        with self._state:
            if subscription in self._subscriptions:
                self._subscriptions.remove(subscription)
            if subscription in self._stream_owners:
                self._stream_owners.remove(subscription)

    def unconsumed(self) -> list[Event]:
        """What was received but taken by no command and no subscriber (URCs, noise,
        stray echoes, late answers of commands given up on), oldest first."""
        with self._state:
            return list(self._unconsumed)

    def clear_unconsumed(self) -> list[Event]:
        """Return and forget the unconsumed events."""
        with self._state:
            taken, self._unconsumed = self._unconsumed, []
            return taken

    def diagnostics(self) -> tuple[bytes, str | None]:
        """The last bytes received and the recorder's location, for error messages."""
        with self._state:
            tail = bytes(self._tail)
        location = getattr(self.recorder, "location", None)
        return tail, location() if callable(location) else None

    @property
    def baudrate(self) -> int | None:
        return getattr(self.port, "baudrate", None)

    # -- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the reader thread, close the port, wake every waiter with ChannelClosed."""
        with self._state:
            if self._closed:
                return
            self._closed = True
            for subscription in self._subscriptions:
                subscription._close_queue(None)
            self._state.notify_all()
        cancel = getattr(self.port, "cancel_read", None)
        if cancel is not None:
            with contextlib.suppress(Exception):
                cancel()
        if self._reader is not threading.current_thread():
            self._reader.join(5.0)
        self.port.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> AtChannel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the calling thread's side ----------------------------------------------------------

    def _start(self, shape: ResponseShape) -> _Exchange:
        if self._stale:
            self._resync()
        return self._begin(shape)

    def _begin(self, shape: ResponseShape, send: bool = True) -> _Exchange:
        with self._state:
            self._check_open()
            self._parser.expect(shape)
            exchange = _Exchange(shape, self._received)
            self._exchange = exchange
        if send:
            self._write(shape.command.encode("latin-1") + b"\r")
        return exchange

    def _resync(self) -> None:
        """After a timeout: AT+CMEE? and wait for *its* answer (the one with a `+CMEE:`
        line); a late result before it goes to unconsumed()."""
        self._stale = False
        shape = replace(shape_for(RESYNC_COMMAND), final_after_information=True)
        exchange = self._begin(shape)
        limit = self.timeouts.for_command(RESYNC_COMMAND)
        self._await(exchange, lambda: exchange.final is not None, limit, "answer to AT+CMEE? after a timeout")
        self._finish(exchange)

    def _await(self, exchange: _Exchange, done: Callable[[], bool], limit: float, waiting_for: str) -> None:
        deadline = time.monotonic() + limit
        with self._state:
            while not done():
                self._check_open()
                left = deadline - time.monotonic()
                if left <= 0:
                    if self._exchange is exchange:
                        # given up: its late answer, if any, goes to unconsumed()
                        self._exchange = None
                    self._stale = True
                    waited = time.monotonic() - exchange.started
                    tail, location = self.diagnostics()
                    raise AtTimeout(exchange.shape.command, waited, tail, waiting_for, location)
                self._state.wait(left)

    def _finish(self, exchange: _Exchange) -> Response:
        with self._state:
            seen = self._seen_since(exchange.received_at_start)
        final, command = exchange.final, exchange.shape.command
        if isinstance(final, Error):
            raise AtError(command, seen)
        if isinstance(final, CmeErrorResult):
            raise CmeError(command, final.code, final.text, seen)
        if exchange.broken_blocks:
            raise ProtocolError(
                f"{command}: a data block was not followed by CR LF, so bytes were lost or added on "
                f"the line; bytes of this exchange: {show_bytes(seen)}"
            )
        blocks = exchange.blocks
        return Response(command, tuple(exchange.lines), b"".join(blocks), exchange.prompt, len(blocks))

    def _timeout_for(self, command: str) -> float:
        return self.timeouts.for_command(command, self.baudrate)

    def _write(self, data: bytes) -> None:
        self._check_open()
        if self.recorder is not None:
            # before the write: the reader thread may record the answer before write() returns
            self.recorder.on_write(data)
        try:
            self.port.write(data)
        except (serial.SerialException, OSError) as exc:
            raise ChannelClosed(f"writing to {self.port.name} failed: {exc}") from exc
        self._written += len(data)

    def _check_open(self) -> None:
        if self._failure is not None:
            raise ChannelClosed(f"the port {self.port.name} failed: {self._failure}") from self._failure
        if self._closed:
            raise ChannelClosed(f"the channel on {self.port.name} is closed")

    def _seen_since(self, received_at_start: int) -> bytes:
        count = min(self._received - received_at_start, len(self._tail))
        return bytes(self._tail[-count:]) if count > 0 else b""

    # -- the reader thread ---------------------------------------------------------------------

    def _read_loop(self) -> None:
        read = self._read
        while not self._closed:
            try:
                data = read()
                if data:
                    self._receive(data)
            except Exception as exc:  # the port failed (or a bug): waiters learn why, not by timeout
                if not self._closed:
                    self._fail(exc)
                return

    def _receive(self, data: bytes) -> None:
        if self.recorder is not None:
            self.recorder.on_read(data)
        with self._state:
            self._received += len(data)
            self._tail += data
            del self._tail[:-TAIL_BYTES]
            events = self._parser.feed(data)
            for event in events:
                self._route(event)
            if events:  # only events move a command on; bytes inside a block would wake it in vain
                self._state.notify_all()

    def _fail(self, exc: BaseException) -> None:
        log.error("reading %s failed: %s", self.port.name, exc)
        with self._state:
            self._failure = exc
            for subscription in self._subscriptions:
                subscription._close_queue(exc)
            self._state.notify_all()

    def _route(self, event: Event) -> None:
        if isinstance(event, Urc):
            self._dispatch(event)
            return
        if isinstance(event, (TransparentData, TransparentEnd)):
            owners = self._stream_owners
            if not owners:
                self._unconsumed.append(event)
            for subscription in owners:
                subscription._deliver(event)
            if isinstance(event, TransparentEnd):
                self._stream_owners = []
            return
        exchange = self._exchange
        if isinstance(event, Echo):
            if exchange is not None and not exchange.echo_seen and event.text == exchange.shape.command:
                exchange.echo_seen = True
            else:
                self._unconsumed.append(event)
            return
        if exchange is None or not isinstance(
            event, (InformationLine, DataBlock, UploadPrompt, Ok, Error, CmeErrorResult)
        ):
            self._unconsumed.append(event)  # noise, or the late answer of a command given up on
            return
        if isinstance(event, InformationLine):
            exchange.lines.append(event.text)
        elif isinstance(event, DataBlock):
            exchange.blocks.append(event.data)
            exchange.broken_blocks += not event.intact
        elif isinstance(event, UploadPrompt):
            exchange.prompt = event
        else:
            shape = exchange.shape
            if isinstance(event, Ok) and shape.ok_before_prompt and exchange.prompt is None:
                return  # the application note's OK before +FTPETPUT: 2,1
            if shape.final_after_information and not exchange.lines:
                self._unconsumed.append(event)  # the late result of a command given up on
                return
            exchange.final = event
            self._exchange = None
            self._hand_on_surplus(exchange)

    def _hand_on_surplus(self, exchange: _Exchange) -> None:
        # A read query answers one line; same-tag lines before it were URCs that
        # happened to arrive while the command was in flight (AT+FTPEXTGET? vs the
        # `+FTPEXTGET: 1,0` URC).
        limit = exchange.shape.max_info_lines
        if limit is None or len(exchange.lines) <= limit:
            return
        surplus = exchange.lines[:-limit]
        del exchange.lines[:-limit]
        for text in surplus:
            self._dispatch(Urc(text))

    def _dispatch(self, urc: Urc) -> None:
        matched = [s for s in self._subscriptions if s.matches(urc)]
        if not matched:
            self._unconsumed.append(urc)
        for subscription in matched:
            subscription._deliver(urc)
        if urc.text == TRANSPARENT_GET_START:
            self._stream_owners = matched
