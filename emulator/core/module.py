"""ModuleCore: the virtual SIM7080 without any I/O.

The shell feeds it the host's bytes (`receive_data`), events from FTP workers
and the control API (`deliver`) and the passing of time (`advance`), always with
the current module time. It hands back, through `take_outputs()`, bytes for the
host (`Send`) and actions for the shell (start an FTP session, ...), in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..profile import ModuleProfile
from . import framing
from .command import Command
from .errors import AtFailure, CmeFailure, SyntaxFailure
from .ftp.service import FtpService
from .handlers import Handler
from .handlers.all import default_handlers
from .lines import CommandLine, EscapedChunk, EscapedEnd, LineReader, RawData
from .outputs import Outbox, PowerChanged
from .parser import parse_line
from .replies import NO_RESULT, DataPhase, Reply
from .script import Script
from .services import Services
from .state import ModuleState
from .timers import Timer, Timers
from .triggers import Triggers

log = logging.getLogger(__name__)


class ModuleCore:
    def __init__(self, profile: ModuleProfile, handlers: dict[str, Handler] | None = None) -> None:
        self.profile = profile
        self.handlers = handlers if handlers is not None else default_handlers()
        self.now = 0.0
        self.timers = Timers()
        self.script_timers = Timers()  # scripted faults: unlike module timers, they outlive a reboot
        self.out = Outbox()
        self.reader = LineReader(profile.limits.line)
        self.saved_baud = profile.network.baud  # AT+IPR is AUTO_SAVE: it survives a reboot
        self.state = ModuleState.initial(profile)
        self.powered = False
        self.booting = False
        self.restarting = False  # a reboot is scheduled: the current line stops there
        self._life = 0  # counts power-ons: a line or data phase that outlives its life is dropped
        self.services = Services(self)
        self.script = Script()
        self.triggers = Triggers(self)
        self.internal_errors: list[str] = []  # handler bugs answered with ERROR (tests assert none)
        self.ftp = FtpService(self)
        self.services.add(self.ftp)
        self._hold = 0  # URCs wait while > 0: inside a response or a data phase
        self._held: list[str] = []
        self._phase: DataPhase | None = None
        self._phase_timer: Timer | None = None
        self.commands_seen = 0

    # -- shell API -----------------------------------------------------------------

    def power_on(self, now: float) -> None:
        """Boot: all state back to power-on values, then RDY, +CFUN: 1, +CPIN: READY, SMS Ready."""
        self.now = now
        self._reset()
        self.powered = True
        self.booting = True
        self.out.act(PowerChanged(True))
        self._boot_sequence()
        self.advance(now)

    def power_off(self, now: float, last_words: list[str] = ()) -> None:
        """Stop answering; `last_words` (e.g. NORMAL POWER DOWN) go out first."""
        self.now = now
        for text in last_words:
            self._send_urc(text)
        self._reset()
        self.powered = False
        self.out.act(PowerChanged(False))

    def reboot(self) -> None:
        """AT+CFUN=1,1 or a reset: everything is lost, the boot URCs follow."""
        self.power_on(self.now)

    def receive_data(self, data: bytes, now: float) -> None:
        self.now = now
        if not self.powered or self.booting:
            return  # a module that is off or still booting drops what it hears
        self.reader.feed(data)
        while True:
            event = self.reader.next_event()
            if event is None:
                break
            self._on_input(event)
            # what fell due while this line ran (a reboot, a PDP URC) happens before the next line
            self._fire_due(now)
        self.advance(now)

    def deliver(self, event: object, now: float) -> None:
        """An event from an FTP worker or the control API."""
        self.now = now
        if self.powered:
            self.services.deliver(event)
        self.advance(now)

    def advance(self, now: float) -> None:
        self._fire_due(now)

    def _fire_due(self, now: float) -> None:
        """Timers due by `now`, each run at its own deadline (module and script timers in order)."""
        timers, script_timers = self.timers, self.script_timers
        while True:
            module_due, script_due = timers.next_deadline(), script_timers.next_deadline()
            if module_due is not None and module_due <= now and (script_due is None or module_due <= script_due):
                timers.fire_due(module_due, self._clock_to)
            elif script_due is not None and script_due <= now:
                script_timers.fire_due(script_due, self._clock_to)
            else:
                break
        self.now = now

    def _clock_to(self, moment: float) -> None:
        self.now = moment

    def next_deadline(self) -> float | None:
        deadlines = [d for d in (self.timers.next_deadline(), self.script_timers.next_deadline()) if d is not None]
        return min(deadlines, default=None)

    def take_outputs(self) -> list:
        return self.out.take()

    # -- for handlers and services ---------------------------------------------------

    def urc(self, text: str) -> None:
        """An unsolicited result; it waits while a response or data phase is under way."""
        if self._hold:
            self._held.append(text)
        else:
            self._send_urc(text)

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        return self.timers.call_at(self.now + max(0.0, delay), callback)

    def act(self, action: object) -> None:
        self.out.act(action)

    def send(self, data: bytes | memoryview, then: object = None) -> None:
        """Raw bytes to the host (transparent data mode)."""
        self.out.send(data, then=then)

    def enter_data_mode(self) -> None:
        """Module-to-host data mode (FTPETGET): host bytes dropped, URCs held."""
        self.reader.discard_input()
        self._hold += 1

    def leave_data_mode(self) -> None:
        self.reader.expect_lines()
        self._release()

    def failure_bytes(self, failure: AtFailure) -> bytes:
        verbose = self.state.verbose
        if isinstance(failure, CmeFailure) and self.state.cmee:
            detail = str(int(failure.code)) if self.state.cmee == 1 else failure.code.text
            return framing.cme_error(detail, verbose)
        return framing.result("ERROR", verbose)

    # -- input ---------------------------------------------------------------------------

    def _on_input(self, event: object) -> None:
        if isinstance(event, CommandLine):
            self._on_command_line(event)
        elif isinstance(event, RawData):
            self._finish_phase(lambda phase: phase.on_data(event.data))
        elif isinstance(event, EscapedChunk):
            self._phase_call(lambda phase: phase.on_chunk(event.data))
        elif isinstance(event, EscapedEnd):
            self._finish_phase(lambda phase: phase.on_end())

    def _on_command_line(self, line: CommandLine) -> None:
        self.commands_seen += 1
        life = self._life
        text = line.text[2:].decode("latin-1")
        script = self.script if self.script.active else None  # most lines meet no script at all
        if script is not None:
            self.out.send(script.injected("before_echo", text))
        if self.state.echo:
            self.out.send(line.text + b"\r")
        if script is not None:
            self.out.send(script.injected("after_echo", text))
        self._hold += 1
        pieces: list = []
        delay = self.profile.timings.command_delay
        try:
            if line.too_long:
                raise SyntaxFailure("line too long")
            commands = parse_line(text)
            delay = self._response_delay(commands)
            for i, command in enumerate(commands):
                scripted = script.reply_for(command.text) if script is not None else None
                if scripted is not None:
                    delay += scripted.delay
                    pieces.append(framing.information(scripted.lines, self.state.verbose))
                    if scripted.result != "OK":
                        if scripted.result is not None:
                            pieces.append(self._scripted_result(scripted.result))
                        break
                    continue
                reply = self._execute(command, last=i == len(commands) - 1)
                if self._life != life:
                    return  # the module restarted while it ran this (a scripted reboot): no answer
                if isinstance(reply, DataPhase):
                    self._begin_phase(reply, pieces, delay)
                    return
                if reply is NO_RESULT:
                    break
                self._add_reply(pieces, reply)
                if self.restarting:  # AT+CFUN=1,1: the rest of the line never runs
                    pieces.append(framing.result("OK", self.state.verbose))
                    break
            else:
                pieces.append(framing.result("OK", self.state.verbose))
        except AtFailure as failure:
            pieces.append(self.failure_bytes(failure))
        except Exception as exc:  # a bug in a handler must not silence the module
            log.exception("internal error on %r", text)
            self.internal_errors.append(f"{text!r}: {exc!r}")
            pieces.append(framing.result("ERROR", self.state.verbose))
        if self._life != life:
            return
        self._emit(pieces, delay, script.result_delay(text) if script is not None else 0.0)
        if script is not None:
            self.out.send(script.injected("after_result", text))
        self._release()
        self.triggers.command_done()

    def _scripted_result(self, result: str) -> bytes:
        if result == "ERROR":
            return framing.result("ERROR", self.state.verbose)
        return framing.urc(result, self.state.verbose)  # any other final line, e.g. +CME ERROR: 3

    def _execute(self, command: Command, last: bool):
        handler = self.handlers.get(command.name)
        fn = handler.form(command) if handler is not None else None
        if fn is None:
            raise SyntaxFailure(f"unsupported: {command.name} {command.form.value}")
        if handler.data_phase and not last:
            raise SyntaxFailure(f"{command.name} must end its line")
        return fn(self, command)

    def _response_delay(self, commands: list[Command]) -> float:
        timings = self.profile.timings
        delays = [timings.command_delays.get(c.name, timings.command_delay) for c in commands]
        return max(delays, default=timings.command_delay)

    def _add_reply(self, pieces: list, reply) -> None:
        verbose = self.state.verbose
        if reply is None:
            return
        if isinstance(reply, list):
            pieces.append(framing.information(reply, verbose))
            return
        pieces.append(framing.information(reply.lines, verbose))
        if reply.payload is not None:
            pieces.append(_Piece(reply.payload, reply.then))

    def _emit(self, pieces: list, delay: float, result_delay: float = 0.0) -> None:
        """Queue a response; pieces are bytes or payloads that carry a follow-up action.
        `result_delay` holds back the last piece, the final result, that much longer."""
        if result_delay and pieces:
            *pieces, result = pieces
            self._emit(pieces, delay)
            self.out.send(result, result_delay if pieces else delay + result_delay)
            return
        first = True
        for piece in pieces:
            if isinstance(piece, _Piece):
                self.out.send(piece.data, delay if first else 0.0, piece.then)
            else:
                self.out.send(piece, delay if first else 0.0)
            first = False

    # -- data phases (host to module) -------------------------------------------------------

    def _begin_phase(self, phase: DataPhase, pieces: list, delay: float) -> None:
        verbose = self.state.verbose
        if phase.ok_first:
            pieces.append(framing.result("OK", verbose))
        pieces.append(framing.information(phase.prompt, verbose))
        self._emit(pieces, delay)
        self._phase = phase
        if phase.length is None:
            self.reader.expect_escaped()
        else:
            self.reader.expect_raw(phase.length)
        if phase.timeout is not None:
            self._phase_timer = self.call_later(phase.timeout, self._phase_timed_out)

    def _phase_call(self, call: Callable[[DataPhase], None]) -> None:
        if self._phase is not None:
            call(self._phase)

    def _finish_phase(self, call: Callable[[DataPhase], None]) -> None:
        phase, self._phase = self._phase, None
        if self._phase_timer is not None:
            self._phase_timer.cancel()
            self._phase_timer = None
        if phase is None:
            return
        life = self._life
        try:
            call(phase)
            result = framing.result("OK", self.state.verbose)
        except AtFailure as failure:
            result = self.failure_bytes(failure)
        if self._life != life:
            return  # the data ended a life (a reboot after N bytes): its OK never comes
        self.out.send(result)
        self._release()

    def _phase_timed_out(self) -> None:
        # DESIGN.md decision: data short at the timeout is discarded, the result is ERROR
        self._phase = None
        self._phase_timer = None
        self.reader.expect_lines()
        self.out.send(framing.result("ERROR", self.state.verbose))
        self._release()

    # -- URCs and power -------------------------------------------------------------------

    def _release(self) -> None:
        self._hold = max(0, self._hold - 1)
        if self._hold == 0 and self._held:
            held, self._held = self._held, []
            for text in held:
                self._send_urc(text)

    def _send_urc(self, text: str) -> None:
        self.out.send(framing.urc(text, self.state.verbose))

    def _reset(self) -> None:
        self._life += 1
        self.restarting = False
        self.services.reset()
        self.timers.clear()
        self.reader = LineReader(self.profile.limits.line)
        self.state = ModuleState.initial(self.profile)
        self.state.baud = self.saved_baud
        self._hold = 0
        self._held = []
        self._phase = None
        self._phase_timer = None

    def _boot_sequence(self) -> None:
        timings = self.profile.timings
        lines = []
        if self.state.baud != 0:  # under auto-baud the module prints no RDY / +CFUN (M105 22.3)
            lines += ["RDY", "+CFUN: 1"]
        lines.append(f"+CPIN: {self.state.sim}")
        if self.state.sim == "READY":
            lines.append("SMS Ready")
        at = timings.boot
        for text in lines:
            self.call_later(at, lambda text=text: self._send_urc(text))
            at += timings.boot_step
        self.call_later(at - timings.boot_step, self._booted)

    def _booted(self) -> None:
        self.booting = False


class _Piece:
    """A payload inside a response, with the action to run once it is written."""

    __slots__ = ("data", "then")

    def __init__(self, data, then) -> None:
        self.data = data
        self.then = then


__all__ = ["ModuleCore", "Reply", "DataPhase"]
