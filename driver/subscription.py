"""UrcSubscription: the URCs whose text starts with given prefixes, as a queue or a callback.

A subscription to `+FTPETGET:` also receives the TransparentData/TransparentEnd
events of the escaped stream that `+FTPETGET: 1,1` opens.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import AtTimeout, ChannelClosed
from .events import Event, Urc

if TYPE_CHECKING:
    from .channel import AtChannel

log = logging.getLogger(__name__)


class _Closed:
    """Queued when the channel closes, so a waiter wakes up."""

    def __init__(self, reason: BaseException | None) -> None:
        self.reason = reason


class UrcSubscription:
    def __init__(
        self,
        channel: AtChannel,
        prefixes: tuple[str, ...],
        callback: Callable[[Event], None] | None = None,
    ) -> None:
        self.prefixes = prefixes
        self._channel = channel
        self._callback = callback
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self.closed = False

    def matches(self, urc: Urc) -> bool:
        return urc.text.startswith(self.prefixes)

    # -- taking URCs (queue mode) ------------------------------------------------------

    def get(self, timeout: float | None = None) -> Event | None:
        """The next URC (or stream event); None if none came within `timeout` seconds."""
        try:
            item = (
                self._queue.get(timeout=timeout)
                if timeout is None or timeout > 0
                else self._queue.get_nowait()
            )
        except queue.Empty:
            return None
        if isinstance(item, _Closed):
            self._queue.put(item)  # every later get() sees it too
            raise ChannelClosed(f"channel closed while waiting for {self.prefixes}") from item.reason
        return item

    def poll(self) -> Event | None:
        """The next URC if one is already there."""
        return self.get(0)

    def wait(self, timeout: float, command: str = "", waiting_for: str | None = None) -> Event:
        """The next URC; AtTimeout naming `command` and the last bytes if none came in time."""
        started = time.monotonic()
        item = self.get(timeout)
        if item is None:
            tail, location = self._channel.diagnostics()
            what = waiting_for or f"URC {' or '.join(self.prefixes)}"
            raise AtTimeout(command or "(no command)", time.monotonic() - started, tail, what, location)
        return item

    def close(self) -> None:
        """Stop receiving; URCs that only this subscription wanted count as unconsumed again."""
        if not self.closed:
            self.closed = True
            self._channel.unsubscribe(self)

    def __enter__(self) -> UrcSubscription:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- from the channel ----------------------------------------------------------------

    def _deliver(self, event: Event) -> None:
        """Called on the reader thread with the channel's state lock held, in stream
        order: a waiter woken by a later event finds the callbacks of earlier ones done."""
        if self._callback is None:
            self._queue.put(event)
            return
        try:
            self._callback(event)
        except Exception:  # a subscriber's bug must not stop the reader thread
            log.exception("URC callback %r failed on %r", self._callback, event)

    def _close_queue(self, reason: BaseException | None) -> None:
        self._queue.put(_Closed(reason))
