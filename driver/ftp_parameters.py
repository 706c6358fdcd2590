"""FtpParameters: the module's FTP parameters as last set, so only changes are sent.

The module keeps every AT+FTP<name> value until it is changed or the module
resets (they are NO_SAVE, reference section 1.7); a reset empties this cache.
"""

from __future__ import annotations

import threading

from .channel import AtChannel


class FtpParameters:
    def __init__(self, channel: AtChannel) -> None:
        self._channel = channel
        self._values: dict[str, str] = {}
        self._generation = 0  # bumped by forget_all(); a value set across a reset is not kept
        self._lock = threading.Lock()

    def set(self, name: str, value: str) -> None:
        """`AT+FTP<name>=<value>` unless the module already has that value."""
        with self._lock:
            if self._values.get(name) == value:
                return
            self._values.pop(name, None)  # unknown until the module confirms
            generation = self._generation
        self._channel.command(f"AT+FTP{name}={value}")
        with self._lock:
            if generation == self._generation:
                self._values[name] = value

    def get(self, name: str) -> str | None:
        with self._lock:
            return self._values.get(name)

    def forget_all(self) -> None:
        with self._lock:
            self._values.clear()
            self._generation += 1
