"""The knob groups. Each method runs its change on the module's own thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import framing
from ..core.handlers.network import REGISTERED, deactivate_bearer, drop_all_bearers, radio_on
from ..core.script import ScriptedReply
from ..core.triggers import When

if TYPE_CHECKING:
    from ..emulator import Emulator

FTP_CODES = range(61, 95)  # the <error> values a session can end with (M105 15.2.14)


class _Group:
    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    def _at(self, when, action, once: bool, label: str) -> None:
        """Run `action(core)` at `when` (now by default), once or every time it comes round."""
        when = When.parse(when)
        self._emulator.call(lambda core: core.triggers.add(when, action, once, label))

    def _now(self, action) -> None:
        self._emulator.call(action)


class FtpFaults(_Group):
    """Faults of the module's FTP sessions."""

    @property
    def server(self):
        """The embedded server's own faults (emulator.ftpfaults.ServerFaults)."""
        return self._emulator.server.faults

    def fail_session(self, code: int, operation: str = "any", *, after_bytes: int | None = None,
                     once: bool = True) -> None:  # fmt: skip
        """End the next session of `operation` with `code` (61-94): as it opens, or after
        `after_bytes` payload bytes of it."""
        if code not in FTP_CODES:
            raise ValueError(f"code {code} is not an FTP session code (61-94)")

        def fail_current(core) -> None:
            if core.ftp.session is not None:  # another rule may have ended it already
                core.ftp.session.fail(code)

        if after_bytes is None:
            self._at(When(on_session=operation), fail_current, once, f"fail {operation} with {code}")
            return

        def arm(core) -> None:
            session = core.ftp.session  # the one opening now; a later one is not hit

            def fail_it(core) -> None:
                if core.ftp.session is session:
                    session.fail(code)

            core.triggers.add(When(after_bytes=after_bytes), fail_it, True,
                              f"fail {operation} with {code} after {after_bytes} bytes")  # fmt: skip

        self._at(When(on_session=operation), arm, once, f"count {operation} bytes")

    def delay_connect(self, seconds: float, operation: str = "any", *, once: bool = True) -> None:
        """The next session of `operation` (every one, with once=False) connects `seconds` late."""
        When(on_session=operation)  # validates the name
        self._now(lambda core: core.ftp.job_overrides.add(operation, once, connect_delay=seconds))


class NetworkControl(_Group):
    """The cellular network as the module sees it."""

    def drop_bearer(self, cid: int = 0, *, when=None, once: bool = True) -> None:
        """`+APP PDP: <cid>,DEACTIVE`; a session on that context ends with 61."""
        self._at(when, lambda core: deactivate_bearer(core, cid), once, f"drop bearer {cid}")

    def signal(self, rssi: int, ber: int = 0, *, when=None, once: bool = True) -> None:
        """What AT+CSQ answers from then on."""

        def change(core) -> None:
            core.state.rssi, core.state.ber = rssi, ber

        self._at(when, change, once, f"signal {rssi},{ber}")

    def registration(self, status: int, *, when=None, once: bool = True) -> None:
        """+CEREG <stat> (1 home, 5 roaming, 0/2/3/4 not registered); losing it drops the bearers."""

        def change(core) -> None:
            core.state.registration = status
            if core.state.cereg_mode:
                core.urc(f"+CEREG: {status}")
            if status not in REGISTERED:
                drop_all_bearers(core)

        self._at(when, change, once, f"registration {status}")

    def attach(self, attached: bool = True, *, when=None, once: bool = True) -> None:
        """What AT+CGATT? answers; detaching drops the bearers."""

        def change(core) -> None:
            core.state.attached = attached
            if not attached:
                drop_all_bearers(core)

        self._at(when, change, once, f"attach {attached}")


class ModuleControl(_Group):
    """The module itself: SIM, reboots, power."""

    def remove_sim(self, *, when=None, once: bool = True) -> None:
        """`+CPIN: NOT READY`: the network and the bearers go with it."""

        def remove(core) -> None:
            state = core.state
            state.sim = "NOT READY"
            state.registration, state.attached = 0, False
            drop_all_bearers(core)
            core.urc("+CPIN: NOT READY")

        self._at(when, remove, once, "remove SIM")

    def insert_sim(self, *, when=None, once: bool = True) -> None:
        """`+CPIN: READY`; with the radio on, the module registers again."""

        def insert(core) -> None:
            if core.state.cfun == 1:
                core.state.sim = "NOT READY"  # radio_on announces the SIM and registers
                radio_on(core)
            else:
                core.state.sim = "READY"
                core.urc("+CPIN: READY")

        self._at(when, insert, once, "insert SIM")

    def reboot(self, *, when=None, once: bool = True) -> None:
        """A reset: every state is lost, the boot URCs (RDY ...) follow."""
        self._at(when, lambda core: core.reboot(), once, "reboot")

    def power_off(self, *, when=None, once: bool = True) -> None:
        """No answers at all until power_on()."""
        self._at(when, lambda core: core.power_off(core.now), once, "power off")

    def power_on(self, *, when=None, once: bool = True) -> None:
        self._at(when, lambda core: core.power_on(core.now) if not core.powered else None, once, "power on")


class UartControl(_Group):
    """The serial line between module and host."""

    @property
    def _shaping(self):
        return self._emulator.loop.shaping

    def pacing(self, baud: int) -> None:
        """Write no faster than `baud` (10 bits per byte); 0 lifts the limit."""
        self._now(lambda core: setattr(self._shaping, "pacing_baud", baud))

    def split_writes(self, piece: int, gap: float = 0.0) -> None:
        """Every write goes out in pieces of `piece` bytes, `gap` seconds apart (0: whole)."""
        shaping = self._shaping

        def change(core) -> None:
            shaping.piece, shaping.piece_gap = piece, gap

        self._now(change)

    def inter_byte_delay(self, seconds: float) -> None:
        """Every byte alone, `seconds` apart (0 lifts it)."""
        self._now(lambda core: setattr(self._shaping, "byte_gap", seconds))

    def inject_noise(self, data: bytes | str, *, direction: str = "to_host", when=None, once: bool = True) -> None:
        """Bytes on the line that neither side meant: to the host, or into what the module hears."""
        noise = data.encode("latin-1") if isinstance(data, str) else bytes(data)
        if direction == "to_host":
            action = lambda core: core.send(noise)  # noqa: E731
        elif direction == "to_module":
            action = lambda core: core.call_later(0.0, lambda: core.receive_data(noise, core.now))  # noqa: E731
        else:
            raise ValueError("direction is 'to_host' or 'to_module'")
        self._at(when, action, once, f"noise {noise!r} {direction}")

    def drop_byte(self, *, after: int = 0, direction: str = "to_host", when=None, once: bool = True) -> None:
        """One byte lost: the one after `after` more bytes in `direction`."""
        if direction not in ("to_host", "to_module"):
            raise ValueError("direction is 'to_host' or 'to_module'")
        field = "drop_output_at" if direction == "to_host" else "drop_input_at"
        shaping = self._shaping
        self._at(when, lambda core: setattr(shaping, field, after), once, f"drop byte {direction}")

    def delay_final_result(self, seconds: float, *, command: str | None = None, once: bool = True) -> None:
        """The final result of the next command (or of `command`) comes `seconds` late."""
        self._now(lambda core: core.script.delay_result(seconds, command, once))


class ScriptControl(_Group):
    """Responses and URCs the test writes itself."""

    def respond(self, command: str, lines: list[str] | tuple[str, ...] = (), result: str | None = "OK", *,
                delay: float = 0.0, once: bool = True) -> None:  # fmt: skip
        """`command` (matched by how its text starts, e.g. "AT+CSQ") answers `lines`, then
        `result` ("OK", "ERROR", any line such as "+CME ERROR: 3", or None for no result)."""
        reply = ScriptedReply(list(lines), result, delay)
        self._now(lambda core: core.script.respond(command, reply, once))

    def inject_urc(self, text: str, *, at: str = "now", command: str | None = None, when=None,
                   once: bool = True) -> None:  # fmt: skip
        """A URC now (while idle), or at a point of the next command (or of `command`):
        "before_echo", "after_echo" (between echo and response), "after_result"."""
        if at == "now":
            self._at(when, lambda core: core.urc(text), once, f"URC {text}")
            return
        data = framing.urc(text, verbose=True)
        self._now(lambda core: core.script.inject(data, at, command, once))


class TimingControl(_Group):
    """Profile timings and the clock, at run time."""

    def set(self, **timings: float) -> None:
        """Change profile timings: data_urc_repeat, idle_timeout, server_timeout,
        connect_latency, command_delay, boot, boot_step, pdp_activation."""
        current = self._emulator.profile.timings
        for name in timings:
            if not hasattr(current, name) or name == "command_delays":
                raise ValueError(f"unknown timing {name!r}")

        def change(core) -> None:
            for name, value in timings.items():
                setattr(core.profile.timings, name, float(value))

        self._now(change)

    @property
    def time_scale(self) -> float:
        return self._emulator.time_scale

    @time_scale.setter
    def time_scale(self, value: float) -> None:
        self._emulator.time_scale = value

    def scale(self, time_scale: float) -> None:
        """Real seconds per module second (the knob form of the time_scale property)."""
        self._emulator.time_scale = time_scale

