"""The one clock all emulator timing goes through.

Module time runs `1 / time_scale` times as fast as real time: with time_scale
0.001 a 60 s idle timeout passes in 60 ms, and nothing else changes.
"""

import threading
import time
from collections.abc import Callable


class Clock:
    def __init__(self, time_scale: float = 1.0) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self._lock = threading.Lock()
        self._scale = time_scale
        self._real_origin = time.monotonic()
        self._module_origin = 0.0
        self._watchers: list[Callable[[], None]] = []

    @property
    def time_scale(self) -> float:
        return self._scale

    @time_scale.setter
    def time_scale(self, value: float) -> None:
        if value <= 0:
            raise ValueError("time_scale must be positive")
        with self._lock:
            # rebase so module time stays continuous across the change
            real = time.monotonic()
            self._module_origin += (real - self._real_origin) / self._scale
            self._real_origin = real
            self._scale = value
            watchers = list(self._watchers)
        for callback in watchers:
            callback()

    def watch(self, callback: Callable[[], None]) -> None:
        """Call `callback()` after every change of time_scale.

        A thread sleeping until a module deadline computed its real deadline with
        the old scale; this is its cue to compute it again.
        """
        with self._lock:
            self._watchers.append(callback)

    def unwatch(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._watchers:
                self._watchers.remove(callback)

    def now(self) -> float:
        """Module seconds since the clock started."""
        with self._lock:
            return self._module_origin + (time.monotonic() - self._real_origin) / self._scale

    def real_delay(self, module_seconds: float) -> float:
        return module_seconds * self._scale

    def real_deadline(self, module_time: float) -> float:
        """The time.monotonic() value at which module time reaches `module_time`."""
        with self._lock:
            return self._real_origin + (module_time - self._module_origin) * self._scale
