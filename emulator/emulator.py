"""Emulator: the virtual module, its transport and its FTP server, started and stopped together.

    with Emulator() as emu:                 # fast profile, pty, embedded FTP server
        port = serial.Serial(emu.port)      # a path pyserial opens
        emu.ftp.host, emu.ftp.port, emu.ftp.user, emu.ftp.password, emu.ftp.root
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from pathlib import Path

from .clock import Clock
from .control import scenario
from .control.groups import (
    FtpFaults,
    ModuleControl,
    NetworkControl,
    ScriptControl,
    TimingControl,
    UartControl,
)
from .core import ModuleCore
from .ftp.engine import FtpEngine
from .ftpserver import EmbeddedFtpServer, FtpEndpoint
from .loop import ModuleLoop
from .profile import ModuleProfile
from .transport import PtyTransport, TcpTransport

log = logging.getLogger(__name__)


class Emulator:
    def __init__(
        self,
        profile: str | Path | ModuleProfile | None = None,
        *,
        link: str | None = None,
        tcp: tuple[str, int] | None = None,
        ftp_server: bool = True,
        ftp_root: str | Path | None = None,
        ftp_port: int = 0,
        ftp_user: str | None = None,
        ftp_password: str | None = None,
        time_scale: float | None = None,
        host_map: dict[str, str] | None = None,
        record: str | Path | None = None,
        replay=None,
        replay_mode: str = "strict",
        replay_timing: float = 0.0,
    ) -> None:
        self.profile = ModuleProfile.load(profile)
        if time_scale is not None:
            self.profile.time_scale = time_scale
        if host_map:
            self.profile.host_map.update(host_map)
        self._initial_profile = copy.deepcopy(self.profile)  # what reset() returns to
        self._server_args = (ftp_server, ftp_root, ftp_port, ftp_user, ftp_password)
        self._link, self._tcp = link, tcp
        self.server: EmbeddedFtpServer | None = None
        self.transport = None
        self.loop: ModuleLoop | None = None
        self.clock = Clock(self.profile.time_scale)
        self.replay = None  # replay=: a transcript plays the module (emulator.replay.ReplayCore)
        if replay is not None:
            from .replay import replay_core

            self.replay = replay_core(replay, self.profile, replay_mode, replay_timing)
        self.core = self.replay or ModuleCore(self.profile)
        self._record, self.recording = record, None  # record=: this side of the line to a file
        self.engine = FtpEngine(self._post, self.clock.real_delay)
        # the control surface (emulator.control): knobs by layer, undone by reset()
        self.faults = FtpFaults(self)
        self.network = NetworkControl(self)
        self.module = ModuleControl(self)
        self.uart = UartControl(self)
        self.script = ScriptControl(self)
        self.timing = TimingControl(self)

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> Emulator:
        try:
            enabled, root, port, user, password = self._server_args
            if enabled:
                self.server = EmbeddedFtpServer(root, port, user, password).start()
            if self._tcp is not None:
                self.transport = TcpTransport(*self._tcp)
            else:
                self.transport = PtyTransport(self._link)
            self.loop = ModuleLoop(self.core, self.transport, self.clock, self._perform)
            if self._record is not None:
                from .recording import ModuleRecording

                self.recording = ModuleRecording.attach(self, self._record)
            self.loop.start()
            # the boot URCs are out before anyone opens the port (pyserial flushes on open)
            self.loop.wait_flushed()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Stop the loop, the FTP server and the transport; free every thread, fd and socket."""
        # workers first: they post to the loop, which must still be there to take it
        self.engine.close()
        if self.loop is not None:
            self.loop.stop()
            self.loop = None
        if self.recording is not None:
            self.recording.close()
        if self.transport is not None:
            self.transport.close()
            self.transport = None
        if self.server is not None:
            self.server.stop()
            self.server = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- what a test needs --------------------------------------------------------------

    @property
    def port(self) -> str:
        """The serial endpoint: a pty path (or its link), or `socket://host:port`."""
        return self.transport.port

    @property
    def ftp(self) -> FtpEndpoint | None:
        """The embedded FTP server (host, port, user, password, root), if one runs."""
        return self.server.endpoint if self.server else None

    @property
    def time_scale(self) -> float:
        return self.clock.time_scale

    @time_scale.setter
    def time_scale(self, value: float) -> None:
        self.clock.time_scale = value
        self.profile.time_scale = value

    def call(self, fn):
        """Run `fn(core)` on the module's own thread and return its result."""
        return self.loop.call(fn)

    def map_host(self, name: str, target: str) -> None:
        """Dial `target` ("HOST[:PORT]") whenever AT+FTPSERV names `name`, like a hosts file."""
        self.call(lambda core: core.profile.host_map.__setitem__(name, target))

    def reset(self) -> None:
        """Back to the state of a fresh start: every knob undone, then power-on state (the
        boot URCs are sent and written before this returns)."""
        self.undo_knobs()
        self.call(lambda core: core.power_on(core.now))
        self.loop.wait_flushed()

    def undo_knobs(self) -> None:
        """Every knob a test turned, undone: the profile as given (timings, quirks, pacing),
        the clock's time scale, scripted rules and faults, the server's faults. The module's
        own state (echo, bearers, a running session) is left as it is."""
        fresh = copy.deepcopy(self._initial_profile)
        shaping = self.loop.shaping

        def undo(core) -> None:
            for field in dataclasses.fields(fresh):
                setattr(core.profile, field.name, getattr(fresh, field.name))
            core.script.clear()
            core.triggers.clear()
            core.ftp.job_overrides.clear()
            shaping.clear(fresh.uart.pacing_baud)

        self.clock.time_scale = fresh.time_scale
        self.call(undo)
        if self.server is not None:
            self.server.faults.clear()

    def load_scenario(self, source: str | Path | dict) -> int:
        """Turn the knobs of a scenario (a TOML file, or its dict); returns how many."""
        return scenario.apply(self, source)

    def status(self) -> dict:
        """What the module is doing, for a person at the control socket or a test's message."""

        def read(core) -> dict:
            session = core.ftp.session
            return {
                "powered": core.powered,
                "ftp_session": None if session is None else f"{session.operation} #{session.id}",
                "bearers": [b.address if b.active else None for b in core.state.bearers],
                "sim": core.state.sim,
                "commands": core.commands_seen,
                "pending_rules": core.triggers.pending,
                "fired_rules": list(core.triggers.fired),
                "internal_errors": list(core.internal_errors),
            }

        status = self.call(read)
        status["time_scale"] = self.time_scale
        if self.server is not None:
            status["server_faults_fired"] = self.server.faults.fired()
        return status

    def _perform(self, action: object) -> None:
        self.engine.perform(action)

    def _post(self, event: object) -> None:
        loop = self.loop
        if loop is not None:
            loop.post(event)
