"""How many bytes a download worker may still read: the module's free buffer space.

The worker stops reading its socket when this reaches zero, so back-pressure
reaches the server through TCP exactly as it would from a module.
"""

import threading


class Credit:
    def __init__(self, initial: int) -> None:
        self._available = initial
        self._closed = False
        self._cond = threading.Condition()

    @property
    def available(self) -> int:
        with self._cond:
            return self._available

    def take(self, most: int) -> int:
        """Block until some credit is free; take up to `most`. 0 once closed."""
        with self._cond:
            while self._available <= 0 and not self._closed:
                self._cond.wait()
            if self._closed:
                return 0
            amount = min(most, self._available)
            self._available -= amount
            return amount

    def give_back(self, amount: int) -> None:
        """Unused part of a take (the socket returned fewer bytes)."""
        self.grant(amount)

    def grant(self, amount: int) -> None:
        with self._cond:
            self._available += amount
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
