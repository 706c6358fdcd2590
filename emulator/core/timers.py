"""Deadlines of the module core, in module seconds; the shell asks which is next."""

import heapq
import itertools
from collections.abc import Callable


class Timer:
    __slots__ = ("deadline", "callback", "cancelled")

    def __init__(self, deadline: float, callback: Callable[[], None]) -> None:
        self.deadline = deadline
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Timers:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Timer]] = []
        self._order = itertools.count()
        self._compacted_size = 64

    def call_at(self, deadline: float, callback: Callable[[], None]) -> Timer:
        timer = Timer(deadline, callback)
        heapq.heappush(self._heap, (deadline, next(self._order), timer))
        if len(self._heap) > 2 * self._compacted_size:
            # timers restarted on every read leave cancelled entries behind: drop them now and
            # then, so a long transfer does not grow the heap (the keys keep the firing order)
            self._heap = [entry for entry in self._heap if not entry[2].cancelled]
            heapq.heapify(self._heap)
            self._compacted_size = max(64, len(self._heap))
        return timer

    def next_deadline(self) -> float | None:
        while self._heap and self._heap[0][2].cancelled:
            heapq.heappop(self._heap)
        return self._heap[0][0] if self._heap else None

    def fire_due(self, now: float, clock_to: Callable[[float], None] | None = None) -> None:
        """Run every timer due by `now`, earliest first. `clock_to(deadline)` is told each
        timer's own deadline before it runs, so what it schedules is counted from the moment
        it was due, not from a late `now`: a loop that wakes late still plays the same story."""
        while self._heap and self._heap[0][0] <= now:
            deadline, _, timer = heapq.heappop(self._heap)
            if not timer.cancelled:
                timer.cancelled = True
                if clock_to is not None:
                    clock_to(deadline)
                timer.callback()

    def clear(self) -> None:
        for _, _, timer in self._heap:
            timer.cancelled = True
        self._heap.clear()
