"""Faults on the control connection: a mixin that goes in front of pyftpdlib's FTPHandler.

Two hooks, both on the server's ioloop thread:
- handle(), which pyftpdlib calls once a connection is accepted to send the 220 banner;
- pre_process_command(), which it calls for every command line before any check (login,
  arguments, permissions), so an injected answer replaces the whole command.

A stall never sleeps: it schedules the rest of the work with the ioloop's call_later and
returns, so other connections keep being served. The scheduled call belongs to the
connection (AsyncChat.call_later), so closing the connection or the server cancels it.
"""

from __future__ import annotations

from pyftpdlib.ioloop import AsyncChat

from .rules import GREETING, Answer, Stall
from .server_faults import ServerFaults


class ControlChannelFaults:
    faults: ServerFaults  # set on the per-server subclass (see handler_with_faults)

    def __init__(self, *args, **kwargs) -> None:
        # While a stall is pending: lines that arrived meanwhile, handled after it in order.
        self._held_lines: list[tuple[str, str, str]] | None = None
        super().__init__(*args, **kwargs)

    # --- the greeting

    def handle(self) -> None:
        stall = self.faults.take(Stall, GREETING)
        if stall is None:
            self._greet()
        else:
            self._hold(stall.seconds, self._greet)

    def _greet(self) -> None:
        answer = self.faults.take(Answer, GREETING)
        if answer is None:
            super().handle()
        else:
            self._send(answer)

    # --- commands

    def pre_process_command(self, line: str, cmd: str, arg: str) -> None:
        if self._held_lines is not None:
            self._held_lines.append((line, cmd, arg))
            return
        stall = self.faults.take(Stall, cmd)
        if stall is None:
            self._answer_or_run(line, cmd, arg)
        else:
            self._hold(stall.seconds, self._answer_or_run, line, cmd, arg)

    def _answer_or_run(self, line: str, cmd: str, arg: str) -> None:
        answer = self.faults.take(Answer, cmd)
        if answer is None:
            super().pre_process_command(line, cmd, arg)
        else:
            self._send(answer)

    # --- helpers

    def _send(self, answer: Answer) -> None:
        # the bytes exactly as given: FTPHandler.push() would encode text, garbage is bytes
        AsyncChat.push(self, answer.data)
        if answer.closes:
            self.close_when_done()

    def _hold(self, seconds: float, then, *args) -> None:
        self._held_lines = []
        self.call_later(seconds, self._release, then, args)

    def _release(self, then, args: tuple) -> None:
        held, self._held_lines = self._held_lines, None
        then(*args)
        for line, cmd, arg in held:
            if self._closed:
                return
            # a held line may start a new stall; the rest then queue behind it, in order
            self.pre_process_command(line, cmd, arg)
