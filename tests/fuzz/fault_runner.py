"""Run one fault schedule against an emulator and hold the result to its invariants.

    outcome = run_schedule(emulator, schedule, "run-7")   # AssertionError names what broke

1. The emulator is reset, its clock scaled down (so the module's 75 s server timeout
   takes about a second), the file the operation needs is put on the server.
2. A fresh driver activates the bearer; the "before" faults are set; the operation
   runs, and "after <n> bytes" faults are set from its progress callback.
3. It must end, within OPERATION_LIMIT, with the exact data (a download returns the
   file, an upload leaves it on the server, ...) or an FtpError of the family its code
   belongs to (a documented typed error). A driver timeout means the module never
   reported the outcome: that fails. Only when the schedule loses or forges bytes on
   the line (LOSSY_KNOBS) may it end with any other DriverError instead; never with
   wrong data.
4. Then, the faults cleared, the module answers AT with OK and AT+FTPSTATE with 0
   (after a lossy schedule: once the driver has resynchronised and the abandoned
   session has ended), the same driver puts and gets a file exactly, and once the
   driver is closed no thread, fd or socket is left.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from driver import DriverError, FtpError, FtpSettings, Modem, Timeouts
from driver.ftp_errors import FAMILIES
from emulator.control.knobs import call_knob
from emulator.core.handlers.network import deactivate_bearer
from hil_tests.payloads import payload

from .schedules import Fault, Operation, Schedule

BASE_TIME_SCALE = 0.02  # real seconds per module second: a 75 s server timeout in 1.5 s
# the driver waits longer than the module may take to report (its server timeout, at most
# max(1 s, 75 module s) of real time per step), so a driver timeout is the module's fault
DRIVER_TIMEOUTS = Timeouts(ftp_session=20.0)
OPERATION_LIMIT = 30.0  # real seconds an operation may take under any schedule
SETTLE_LIMIT = 10.0  # real seconds for threads, fds and sockets to go back after an example
MDTM_TOLERANCE = timedelta(seconds=2)
DOWNLOADS = ("get", "get_transparent", "get_extended")
UPLOADS = ("put", "put_transparent", "put_extended", "append")
WITH_PROGRESS = ("get", "put", "put_transparent", "put_extended", "append")
FILE_NAME = "f.bin"
# knobs after which the driver may lose track (bytes lost or forged on the line, a reboot)
LOSSY_KNOBS = ("uart.drop_byte", "uart.inject_noise", "module.reboot")
SESSION_END_LIMIT = 10.0  # real seconds for a session the driver abandoned to end
NEXT_PAYLOAD = b"the next operation\r\nOK\r\n\x03\x10"


@dataclass(frozen=True)
class Outcome:
    failure: DriverError | None
    seconds: float

    def describe(self) -> str:
        if self.failure is None:
            return f"the exact data in {self.seconds:.2f} s"
        code = f" {int(self.failure.code)}" if isinstance(self.failure, FtpError) else ""
        return f"{type(self.failure).__name__}{code} in {self.seconds:.2f} s"


def apply(emulator, fault: Fault) -> None:
    """Turn one knob (schedules.py lists them)."""
    knob, args = fault.knob, fault.args
    if knob.startswith("server."):
        method = getattr(emulator.server.faults, knob.removeprefix("server."))
        if knob in ("server.reply", "server.garbage", "server.stall"):
            args = {"command": None, **args}  # left out: the greeting
        if knob == "server.cut_data":
            args = {"reply": None, **args}  # left out: silence
        method(**args)
    elif knob == "emulator.time_scale":
        emulator.time_scale = args["value"]
    elif knob == "module.timing":
        emulator.call(lambda core: setattr(core.profile.timings, args["name"], args["value"]))
    elif knob == "bearer.drop":
        emulator.call(lambda core: deactivate_bearer(core, args["cid"]))
    else:
        call_knob(emulator, knob, args)


def lift_faults(emulator) -> None:
    """Every knob undone and the base clock back, the module's state kept
    (Emulator.reset would also reboot it)."""
    emulator.undo_knobs()
    emulator.time_scale = BASE_TIME_SCALE


def resources() -> tuple:
    fds = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            fds[int(name)] = os.readlink(f"/proc/self/fd/{name}")
        except FileNotFoundError:
            pass  # the fd listdir itself used
    sockets = sorted(target for target in fds.values() if target.startswith("socket:"))
    return sorted(t.name for t in threading.enumerate()), len(fds), sockets


def wait_for(condition, limit: float) -> bool:
    """Poll `condition` until it holds or `limit` seconds pass (fds have no event to wait on)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


class ScheduleRun:
    def __init__(self, emulator, schedule: Schedule, tag: str) -> None:
        self.emulator = emulator
        self.schedule = schedule
        self.root = emulator.ftp.root / tag
        self.folder = f"/{tag}"
        self.data = payload(schedule.operation.size, seed=len(tag))
        self.result = None  # what the operation returned, when it succeeded

    @property
    def op(self) -> Operation:
        return self.schedule.operation

    @property
    def lossy(self) -> bool:
        return any(fault.knob in LOSSY_KNOBS for fault in self.schedule.faults)

    def remote(self, name: str = FILE_NAME) -> str:
        return f"{self.folder}/{name}"

    def run(self) -> Outcome:
        emulator = self.emulator
        emulator.reset()
        emulator.time_scale = BASE_TIME_SCALE
        self.root.mkdir()
        if self.op.name not in ("put", "put_transparent", "put_extended", "mkdir"):
            (self.root / FILE_NAME).write_bytes(self.data)
        before = resources()
        modem = Modem.open(emulator.port, timeouts=DRIVER_TIMEOUTS)
        try:
            modem.activate_bearer(cid=0)
            endpoint = emulator.ftp
            ftp = modem.ftp(FtpSettings(host=endpoint.host, port=endpoint.port, user=endpoint.user,
                                        password=endpoint.password))  # fmt: skip
            outcome = self._operate(ftp)
            lift_faults(emulator)  # the checks below need a healthy line, module and server
            if outcome.failure is None:
                self._check_result(ftp)
            self._check_module_answers(modem)
            self._check_next_operation(ftp)
        finally:
            modem.close()
        after = lambda: resources() == before  # noqa: E731
        assert wait_for(after, SETTLE_LIMIT), f"left over: before {before}, after {resources()}"
        return outcome

    # -- the operation -----------------------------------------------------------------

    def _operate(self, ftp) -> Outcome:
        pending = [f for f in self.schedule.faults if f.after_bytes is not None]
        for fault in self.schedule.faults:
            if fault.after_bytes is None:
                apply(self.emulator, fault)

        def progress(done: int) -> None:
            for fault in list(pending):
                if done >= fault.after_bytes:
                    pending.remove(fault)
                    apply(self.emulator, fault)

        started = time.monotonic()
        error = None
        try:
            self.result = self._call(ftp, progress)
        except FtpError as failure:
            error = failure
        except DriverError as failure:
            if not self.lossy:
                raise
            error = failure
        seconds = time.monotonic() - started
        assert seconds < OPERATION_LIMIT, f"{self.op.name} took {seconds:.1f} s"
        if isinstance(error, FtpError):
            documented = FAMILIES.get(int(error.code))
            assert documented is not None and type(error) is documented, f"undocumented: {error!r}"
        return Outcome(error, seconds)

    def _call(self, ftp, progress):
        op, path = self.op.name, self.remote()
        if op == "get":
            return ftp.get(path, offset=self.op.offset, progress=progress)
        if op in ("get_transparent", "get_extended", "size", "mdtm", "delete"):
            return getattr(ftp, op)(path)
        if op in ("put", "put_transparent", "put_extended"):
            return getattr(ftp, op)(path, self.data, progress=progress)
        if op == "append":
            return ftp.put(path, self.data, mode="append", progress=progress)
        if op == "list":
            return ftp.list(self.folder)
        if op == "mkdir":
            return ftp.mkdir(self.remote("new"))
        raise ValueError(f"no operation {op!r}")

    # -- after it ------------------------------------------------------------------------

    def _check_result(self, ftp) -> None:
        op, result, stored = self.op.name, self.result, self.root / FILE_NAME
        if op == "get":
            assert result == self.data[self.op.offset :], "get returned other bytes"
        elif op in DOWNLOADS:
            assert result == self.data, f"{op} returned other bytes"
        elif op == "append":
            assert stored.read_bytes() == self.data + self.data, "append left other bytes"
        elif op in UPLOADS:
            assert stored.read_bytes() == self.data, f"{op} left other bytes on the server"
        elif op == "size":
            assert result == len(self.data)
        elif op == "mdtm":
            modified = datetime.fromtimestamp(stored.stat().st_mtime, UTC)
            assert abs(result - modified) <= MDTM_TOLERANCE
        elif op == "list":
            assert FILE_NAME in result
        elif op == "delete":
            assert not stored.exists()
        elif op == "mkdir":
            assert (self.root / "new").is_dir()

    def _check_module_answers(self, modem) -> None:
        # > AT  < OK      > AT+FTPSTATE  < +FTPSTATE: 0   (the session is over, whatever happened)
        channel = modem.channel
        if not self.lossy:
            channel.command("AT")
            assert channel.command("AT+FTPSTATE").fields("+FTPSTATE:") == ["0"]
            return
        channel.synchronize()  # what a host does after losing track: AT until OK
        # the session's own end URC may have gone to the driver already: AT+FTPSTATE is what is left
        idle = lambda: channel.command("AT+FTPSTATE").fields("+FTPSTATE:") == ["0"]  # noqa: E731
        assert wait_for(idle, SESSION_END_LIMIT), "the abandoned session never ended"


    def _check_next_operation(self, ftp) -> None:
        # the same driver, on a healthy line and server, goes on as if nothing had happened
        after = self.remote("after.bin")
        ftp.put(after, NEXT_PAYLOAD)
        assert ftp.get(after) == NEXT_PAYLOAD, "the next operation moved other bytes"


def run_schedule(emulator, schedule: Schedule, tag: str) -> Outcome:
    """Run `schedule` in a fresh remote folder named `tag` (unique per run)."""
    return ScheduleRun(emulator, schedule, tag).run()

