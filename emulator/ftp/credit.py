"""How many bytes a download worker may still read: the module's free buffer space.

The worker stops reading its socket when this reaches zero, so back-pressure
reaches the server through TCP exactly as it would from a module.

Once the buffer has been full, the worker waits until a quarter of it is free
again before it reads on. Without that, every 1460-byte host read would wake
the worker for one 1460-byte socket read and one more event for the module
loop (a profile of a 1 MiB AT+FTPGET showed those wake-ups as the emulator's
largest cost per block); with it, one socket read refills many host reads.
The buffer still fills to exactly its size, and a host that empties it always
frees enough to resume.
"""

import threading

RESUME_FRACTION = 4  # after running dry, resume once 1/4 of the initial credit is back


class Credit:
    def __init__(self, initial: int) -> None:
        self._available = initial
        self._resume_at = max(1, initial // RESUME_FRACTION)
        self._ran_dry = False
        self._closed = False
        self._cond = threading.Condition()

    @property
    def available(self) -> int:
        with self._cond:
            return self._available

    def take(self, most: int) -> int:
        """Block until some credit is free; take up to `most`. 0 once closed."""
        with self._cond:
            while not self._ready() and not self._closed:
                self._cond.wait()
            if self._closed:
                return 0
            amount = min(most, self._available)
            self._available -= amount
            self._ran_dry = self._available == 0  # full once these bytes have arrived
            return amount

    def give_back(self, amount: int) -> None:
        """Unused part of a take (the socket returned fewer bytes): the buffer is not full."""
        with self._cond:
            self._ran_dry = False
            self._available += amount
            self._cond.notify()

    def grant(self, amount: int) -> None:
        with self._cond:
            self._available += amount
            if self._ready():  # a wake-up that would only wait again costs as much as a read
                self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _ready(self) -> bool:
        return self._available > 0 and not (self._ran_dry and self._available < self._resume_at)
