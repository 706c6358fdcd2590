"""ModuleLoop: the one thread that owns the module core.

It waits on the transport, a wake-up pipe and the core's next deadline; feeds
bytes, posted events and time to the core; and writes what the core produced,
honouring per-response delays and baud-rate pacing. FTP workers and the
control API never touch the core: they `post()` events or `call()` functions
that run here.
"""

from __future__ import annotations

import logging
import os
import selectors
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future

from .clock import Clock
from .core import ModuleCore
from .core.outputs import Send
from .transport.shaping import PACING_SLICE, LineShaping

log = logging.getLogger(__name__)


_JOIN_LIMIT = 16384  # bytes: above this a copy costs more than the write it saves


def _joinable(pending: _Pending, send: Send) -> bool:
    return (
        not send.delay
        and pending.then is None
        and pending.ready_at is None  # not started: its delay, if any, still applies to all
        and len(pending.data) + len(send.data) <= _JOIN_LIMIT
    )


class _Pending:
    __slots__ = ("data", "delay", "ready_at", "then")

    def __init__(self, send: Send) -> None:
        self.data = memoryview(send.data).cast("B") if send.data else memoryview(b"")
        self.delay = send.delay
        self.ready_at: float | None = None
        self.then = send.then


class ModuleLoop:
    def __init__(
        self,
        core: ModuleCore,
        transport,
        clock: Clock,
        perform: Callable[[object], None] = lambda action: None,
        name: str = "sim7080-loop",
    ) -> None:
        self.core = core
        self.transport = transport
        self.clock = clock
        self._perform = perform
        self._events: deque = deque()
        self._flush_waiters: list[Future] = []
        self._output: deque[_Pending] = deque()
        self._next_write = 0.0  # real time before which pacing forbids writing
        self._blocked = False  # the transport took nothing: wait until it is writable
        self._wake_lock = threading.Lock()  # no write to the pipe once its fds are closed
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._stopping = False
        self._selector = selectors.DefaultSelector()
        self._registered: dict[int, int] = {}
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.shaping = LineShaping(pacing_baud=core.profile.uart.pacing_baud)
        # observers of the line, called on this thread: on_read(bytes from the host),
        # on_write(bytes to the host); e.g. a transcript recorder
        self.taps: list = []
        clock.watch(self._wake)  # a new time_scale moves every real deadline

    # -- other threads ----------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()

    def post(self, event: object) -> None:
        """Deliver `event` to the core (thread-safe)."""
        self._events.append(("event", event, None))
        self._wake()

    def call(self, fn: Callable[[ModuleCore], object], timeout: float = 10.0):
        """Run `fn(core)` on the loop thread and return its result."""
        if threading.current_thread() is self._thread:
            return fn(self.core)
        future: Future = Future()
        self._events.append(("call", fn, future))
        self._wake()
        return future.result(timeout)

    def wait_flushed(self, timeout: float = 10.0) -> None:
        """Return once everything the module has produced so far is written out."""
        future: Future = Future()
        self._events.append(("flushed", None, future))
        self._wake()
        future.result(timeout)

    def stop(self) -> None:
        self.clock.unwatch(self._wake)
        self._stopping = True
        self._wake()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(5.0)
        self._selector.close()
        with self._wake_lock:
            os.close(self._wake_r)
            os.close(self._wake_w)
            self._wake_w = -1

    def _wake(self) -> None:
        with self._wake_lock:
            if self._wake_w < 0:
                return
            try:
                os.write(self._wake_w, b"x")
            except BlockingIOError:
                pass  # a full pipe wakes the loop just as well

    # -- the loop ---------------------------------------------------------------------

    def _run(self) -> None:
        core, clock = self.core, self.clock
        core.power_on(clock.now())
        self._collect()
        while not self._stopping:
            self._sync_selector()
            for key, mask in self._selector.select(self._timeout()):
                if key.fd == self._wake_r:
                    self._drain_wake()
                elif mask & selectors.EVENT_READ:
                    data = self.transport.on_readable(key.fd)
                    # at once: a peer dropped here frees its fd number, and a peer accepted
                    # in the same round may reuse it while the selector still holds the old one
                    self._sync_selector()
                    if data:
                        for tap in self.taps:
                            tap.on_read(data)
                        data = self.shaping.filter_input(data)
                        core.receive_data(data, clock.now())
            self._run_events()
            core.advance(clock.now())
            self._collect()
            self._flush()
            if self._flush_waiters and not self._output:
                for future in self._flush_waiters:
                    future.set_result(None)
                self._flush_waiters.clear()

    def _drain_wake(self) -> None:
        try:
            while os.read(self._wake_r, 4096):
                pass
        except BlockingIOError:
            pass

    def _run_events(self) -> None:
        events = self._events
        while events:
            kind, item, future = events.popleft()
            if kind == "event":
                self.core.deliver(item, self.clock.now())
                continue
            if kind == "flushed":
                self._flush_waiters.append(future)
                continue
            try:
                result = item(self.core)
            except BaseException as exc:  # handed to the caller, not lost
                future.set_exception(exc)
            else:
                future.set_result(result)
            self._collect()

    def _collect(self) -> None:
        output = self._output
        for item in self.core.take_outputs():
            if not isinstance(item, Send):
                self._perform(item)
            elif output and _joinable(output[-1], item):
                # one write for header, payload and OK: each write wakes the host's reader
                last = output[-1]
                last.data = memoryview(bytes(last.data) + bytes(item.data))
                last.then = item.then
            else:
                output.append(_Pending(item))

    def _flush(self) -> None:
        output, shaping, scale = self._output, self.shaping, self.clock.time_scale
        while output:
            head = output[0]
            now = time.monotonic()
            if head.ready_at is None:
                head.ready_at = now + self.clock.real_delay(head.delay) if head.delay else now
            if now < head.ready_at or now < self._next_write:
                return
            if head.data:
                if shaping.output_drop_due():  # an impairment: this byte never reaches the host
                    shaping.drop_output_at = None
                    head.data = head.data[1:]
                    continue
                chunk = head.data[: shaping.next_piece(len(head.data), scale)]
                written = self.transport.write(chunk)
                if written:
                    for tap in self.taps:
                        tap.on_write(bytes(chunk[:written]))
                self._blocked = written == 0
                if self._blocked:
                    return  # the transport is full; the selector waits for it
                shaping.count_output(written)
                pause = shaping.pause_after(written, scale)
                if pause:
                    # a wake-up a little late keeps the schedule (the poller rounds to whole
                    # milliseconds); only a real gap in the output starts it afresh
                    late = now - self._next_write
                    start = self._next_write if 0 <= late < PACING_SLICE else max(now, self._next_write)
                    self._next_write = start + pause
                head.data = head.data[written:]
                if head.data:
                    continue
            output.popleft()
            if head.then is not None:
                self._perform(head.then)

    def _timeout(self) -> float | None:
        deadlines = []
        core_deadline = self.core.next_deadline()
        if core_deadline is not None:
            deadlines.append(self.clock.real_deadline(core_deadline))
        if self._output and not self._blocked:
            head = self._output[0]
            if head.ready_at is not None:
                deadlines.append(max(head.ready_at, self._next_write))
            else:
                deadlines.append(time.monotonic())
        if self._events:
            return 0
        if not deadlines:
            return None
        return max(0.0, min(deadlines) - time.monotonic())

    def _sync_selector(self) -> None:
        wanted = {self._wake_r: selectors.EVENT_READ}
        for fd in self.transport.read_fds():
            wanted[fd] = selectors.EVENT_READ
        write_fd = self.transport.write_fd()
        if self._blocked and write_fd is not None:
            wanted[write_fd] = wanted.get(write_fd, 0) | selectors.EVENT_WRITE
        if wanted == self._registered:
            return
        for fd in list(self._registered):
            if fd not in wanted:
                self._selector.unregister(fd)
        for fd, mask in wanted.items():
            if fd not in self._registered:
                self._selector.register(fd, mask)
            elif self._registered[fd] != mask:
                self._selector.modify(fd, mask)
        self._registered = wanted
