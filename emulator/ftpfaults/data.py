"""Faults on the data connection: a mixin in front of pyftpdlib's ThrottledDTPHandler.

- Throttle: ThrottledDTPHandler already paces send() and recv() with the ioloop's
  call_later; it reads its limits from `read_limit` / `write_limit`, which this mixin sets
  per connection from the server's current rate (0: unlimited, pyftpdlib's own default).
- Cut: a transfer arms the newest cut rule when it starts (push / push_with_producer for
  RETR, LIST, NLST, MLSD; enable_receiving for STOR, APPE, STOU) and counts payload bytes
  in send() / recv(). Once `after_bytes` went through and more is on its way, it fires the
  rule and closes the channel without the 226.

sendfile() would bypass send(), where the counting happens, so it is only used when
neither fault is armed (as pyftpdlib itself does on an unthrottled server).
"""

from __future__ import annotations

import socket

from pyftpdlib.exceptions import _RetryError
from pyftpdlib.handlers import ThrottledDTPHandler
from pyftpdlib.log import logger

from .rules import DataCut
from .server_faults import ServerFaults


class DataChannelFaults:
    faults: ServerFaults  # set on the per-server subclass (see handler_with_faults)

    def __init__(self, sock, cmd_channel) -> None:
        rate = self.faults.bytes_per_second()
        if rate:
            # set before super().__init__: ThrottledDTPHandler sizes its buffers from them
            self.read_limit = self.write_limit = rate
        # ThrottledDTPHandler.close() needs it, and may run inside __init__ on a dead socket
        self._throttler = None
        self._cut: DataCut | None = None
        super().__init__(sock, cmd_channel)
        if rate and self.connected:
            self.faults.record(f"throttle {rate} B/s")

    def use_sendfile(self) -> bool:
        if self.write_limit or self._cut is not None:
            return False
        # what the handler would do unthrottled: skip ThrottledDTPHandler's blanket False
        return super(ThrottledDTPHandler, self).use_sendfile()

    # --- a transfer starts

    def push(self, data) -> None:
        self._cut = self.faults.find_data_cut()
        super().push(data)

    def push_with_producer(self, producer) -> None:
        self._cut = self.faults.find_data_cut()
        super().push_with_producer(producer)

    def enable_receiving(self, type, cmd) -> None:
        self._cut = self.faults.find_data_cut()
        super().enable_receiving(type, cmd)

    # --- payload bytes go through

    def send(self, data) -> int:
        cut = self._cut
        if cut is not None:
            room = cut.after_bytes - self.tot_bytes_sent
            if room > 0:
                data = data[:room]
            elif self._cut_now():
                return 0
        return super().send(data)

    def recv(self, buffer_size: int) -> bytes:
        cut = self._cut
        if cut is not None:
            room = cut.after_bytes - self.tot_bytes_received
            if room > 0:
                return super().recv(min(buffer_size, room))
            if self._client_sends_more() and self._cut_now():
                raise _RetryError  # DTPHandler.handle_read takes it as "nothing to read"
        return super().recv(buffer_size)

    def _client_sends_more(self) -> bool:
        # b"" is the client's clean end of an upload of exactly after_bytes: no cut then
        try:
            return bool(self.socket.recv(1, socket.MSG_PEEK))
        except OSError:
            return False  # the ordinary recv() meets the same error and handles it

    def _cut_now(self) -> bool:
        cut, self._cut = self._cut, None
        label = f"{cut.label} ({self.cmd or 'transfer'})"
        if not self.faults.fire(cut, label):
            return False  # cleared or spent meanwhile: the transfer goes on untouched
        # DTPHandler.close() says _resp on the control connection after closing the socket
        self._resp = (cut.reply, logger.info) if cut.reply is not None else ()
        self.close()
        return True
