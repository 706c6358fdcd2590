"""The module behind a pseudo-terminal, the way a USB-serial adapter shows up.

Both ends are raw before the first byte. The emulator keeps its own handle on
the slave side, so a host may close and reopen the port and find the module
still answering (without it, reads on the master fail with EIO once the host
closes).
"""

import errno
import os
import tty


class PtyTransport:
    def __init__(self, link: str | None = None) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._master)
        tty.setraw(self._slave)
        os.set_blocking(self._master, False)
        self.device = os.ttyname(self._slave)
        self.link = link
        if link:
            try:
                # only a symlink is replaced (a stale one, say); any other file is the user's
                if os.path.islink(link):
                    os.unlink(link)
                os.symlink(self.device, link)
            except BaseException:
                os.close(self._master)
                os.close(self._slave)
                raise

    @property
    def port(self) -> str:
        """What pyserial opens: the stable link when there is one."""
        return self.link or self.device

    def fileno(self) -> int:
        return self._master

    def read_fds(self) -> list[int]:
        return [self._master]

    def on_readable(self, fd: int) -> bytes:
        try:
            return os.read(self._master, 65536)
        except BlockingIOError:
            return b""
        except OSError as exc:
            if exc.errno == errno.EIO:  # no slave open: cannot happen while we hold one
                return b""
            raise

    def write_fd(self) -> int | None:
        return self._master

    def write(self, data: memoryview) -> int:
        """Bytes accepted now (0 when the pty buffer is full)."""
        try:
            return os.write(self._master, data)
        except BlockingIOError:
            return 0

    def close(self) -> None:
        # the link may have been taken over by another emulator since: leave that one alone
        if self.link and os.path.islink(self.link) and os.readlink(self.link) == self.device:
            try:
                os.unlink(self.link)
            except FileNotFoundError:
                pass
        for fd in (self._master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass
