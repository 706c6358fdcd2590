"""FuzzedModule: a ModuleCore, a FakeEngine and the bookkeeping behind the core's invariants.

The host side is played by the test (`feed`), the engine side by FakeEngine
(`deliver_next`, `fail_job`, `deliver_stale`), time by `advance`, the control API by
`drop_bearer`. After each of them `check()` holds the core to its promises:

* every command line gets exactly one final result (`OK`, `ERROR`, `+CME ERROR`);
  the application note's `OK` before `+FTPETPUT: 2,1` is a preamble, not a result;
* AT+FTPSTATE agrees with what ran: a session is running from its StartJob until the
  core aborts it, or its JobDone arrives (for FTPGET/FTPLIST: and the host has read
  every byte);
* what the host reads of a download (FTPGET/FTPLIST blocks, the FTPETGET stream) is
  exactly what the engine delivered, in order, so far (bit 7 cleared under TYPE A).

It counts results from the core's Sends: the core hands out every frame (echo,
information block, payload, result, URC) as a Send of its own (module.py `_emit`),
so a result is a Send that is exactly a result, and payloads (announced by their
header, or carrying a Credit) are skipped without being parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from emulator.core import ModuleCore
from emulator.core.ftp.buffer import ascii_mode
from emulator.core.ftp.download import DownloadSession
from emulator.core.handlers.network import deactivate_bearer
from emulator.core.outputs import PowerChanged, Send
from emulator.ftp.jobs import AbortJob, Credit, DataArrived, JobDone, StartJob
from emulator.profile import ModuleProfile

from .fake_engine import FakeEngine, JobPlan

FINAL = re.compile(rb"\r\n(?:OK|ERROR|\+CME ERROR: [^\r\n]*)\r\n|[04]\r|\+CME ERROR: [^\r\n]*\r\n")
OK_RESULTS = (b"\r\nOK\r\n", b"0\r")
ETPUT_PROMPT = re.compile(rb"(?:\r\n)?\+FTPETPUT: 2,1\r\n")
DATA_HEADER = re.compile(rb"(?:\r\n)?\+(FTPGET|FTPLIST|FTPEXTGET): [23],(\d+)\r\n")
RAW_PROMPT = re.compile(rb"(?:\r\n)?\+(?:FTPPUT: 2,|FTPEXTPUT: \d+,)(\d+)\r\n")
FTPSTATE = re.compile(rb"(?:\r\n)?\+FTPSTATE: (\d)\r\n")

# what the host sets before the fuzz starts: a bearer and a complete FTP configuration
SETUP = (
    b"AT+CNACT=0,1\r",
    b"AT+FTPCID=0\r",
    b'AT+FTPSERV="ftp.example.com"\r',
    b'AT+FTPUN="user"\r',
    b'AT+FTPPW="secret"\r',
    b'AT+FTPGETPATH="/"\r',
    b'AT+FTPGETNAME="in.bin"\r',
    b'AT+FTPPUTPATH="/"\r',
    b'AT+FTPPUTNAME="out.bin"\r',
)


@dataclass
class SessionModel:
    """The session the core last started, as the engine and the host saw it."""

    id: int
    buffered: bool  # FTPGET / FTPLIST: it ends only once the host read every byte
    binary: bool = True  # TYPE I; TYPE A clears bit 7
    aborted: bool = False
    done: int | None = None  # result of the JobDone the core was given
    delivered: bytearray = field(default_factory=bytearray)  # by the engine, as the host must see it
    read: bytearray = field(default_factory=bytearray)  # by the host

    @property
    def unread(self) -> int:
        return len(self.delivered) - len(self.read)

    @property
    def running(self) -> bool:
        if self.aborted:
            return False
        if self.done is None:
            return True
        return self.done == 0 and self.buffered and self.unread > 0


class FuzzedModule:
    def __init__(self, plan_for, profile: ModuleProfile | None = None) -> None:
        self.core = ModuleCore(profile or ModuleProfile())
        self.engine = FakeEngine(plan_for)
        self.now = 0.0
        self.transcript: list[tuple[str, bytes]] = []  # (who: host, module, engine, ..., bytes)
        self.finals = 0
        self.preambles = 0  # OKs before +FTPETPUT: 2,1
        self.session: SessionModel | None = None
        self.raw_wanted = 0  # bytes the open length-counted phase asked for
        self.ftpstate_answers: list[int] = []
        self._payload_next: str | None = None
        self._last_was_ok = False
        self._base_seen = 0
        self._base_finals = 0
        self.core.power_on(self.now)
        self._collect()
        timings = self.core.profile.timings
        self.advance(timings.boot + 4 * timings.boot_step)  # a booting module drops what it hears
        for line in SETUP:
            self.feed(line)
            self.advance(timings.pdp_activation)  # the bearer is up before the FTP parameters

    # -- what the test does ------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        self.transcript.append(("host", data))
        self.core.receive_data(data, self.now)
        self._collect()

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.transcript.append(("time", f"+{seconds}s".encode()))
        self.core.advance(self.now)
        self._collect()

    def deliver_next(self) -> None:
        event = self.engine.next_event()
        if event is not None:
            self._deliver(event)

    def fail_job(self, code: int) -> None:
        event = self.engine.fail_now(code)
        if event is not None:
            self._deliver(event)

    def deliver_stale(self, event) -> None:
        """An event of a session that has ended (a worker's post crossing the abort)."""
        self._deliver(event, stale=True)

    def drop_bearer(self, cid: int) -> None:
        self.transcript.append(("control", f"bearer {cid} lost".encode()))
        deactivate_bearer(self.core, cid)
        self._collect()

    @property
    def mode(self) -> str:
        return self.core.reader.mode

    # -- invariants --------------------------------------------------------------------

    def check(self) -> None:
        # the core answers a handler's exception with ERROR and keeps it here
        assert not getattr(self.core, "internal_errors", []), f"{self.core.internal_errors}\n{self.show()}"
        open_phase = self.mode in ("raw", "escaped")
        seen = self.core.commands_seen - self._base_seen
        results = self.finals - self._base_finals
        assert results == seen - open_phase, (
            f"{seen} command lines{' (one in its data phase)' if open_phase else ''} "
            f"but {results} final results\n{self.show()}"
        )

    def expected_ftpstate(self) -> int:
        return int(self.session is not None and self.session.running)

    def show(self, last: int = 40) -> str:
        lines = [f"  {who:>7}: {data!r}" for who, data in self.transcript[-last:]]
        return "transcript (last steps):\n" + "\n".join(lines)

    # -- bookkeeping -------------------------------------------------------------------

    def _deliver(self, event, stale: bool = False) -> None:
        self.transcript.append(("engine", repr(event).encode()))
        s = self.session
        if not stale and s is not None and s.id == event.session and not s.aborted and s.done is None:
            if isinstance(event, DataArrived):
                s.delivered += event.data if s.binary else ascii_mode(event.data)
            elif isinstance(event, JobDone):
                s.done = event.result
        self.core.deliver(event, self.now)
        self._collect()

    def _collect(self) -> None:
        for item in self.core.take_outputs():
            if isinstance(item, Send):
                self._on_send(bytes(item.data), payload=isinstance(item.then, Credit))
                if item.then is not None:
                    self.engine.perform(item.then)  # the loop does it once the bytes are out
                continue
            if isinstance(item, StartJob):
                session = self.core.ftp.session
                buffered = isinstance(session, DownloadSession) and session.id == item.job.session
                self.session = SessionModel(item.job.session, buffered, item.job.binary)
            elif isinstance(item, AbortJob) and self.session is not None and self.session.id == item.session:
                self.session.aborted = True
            elif isinstance(item, PowerChanged) and item.powered:
                # a reboot ends every exchange: lines before it must have had their results
                self.check_counts_at_reboot()
            self.engine.perform(item)

    def _host_read(self, data: bytes) -> None:
        s = self.session
        assert s is not None, f"download bytes with no session\n{self.show()}"
        s.read += data
        assert s.read == s.delivered[: len(s.read)], (
            f"the host read {bytes(s.read[-40:])!r}, the engine delivered "
            f"{bytes(s.delivered[len(s.read) - 40 : len(s.read)])!r} at that point\n{self.show()}"
        )

    def check_counts_at_reboot(self) -> None:
        seen = self.core.commands_seen - self._base_seen
        results = self.finals - self._base_finals
        assert results == seen, f"a reboot came with {seen} lines but {results} results\n{self.show()}"
        self._base_seen, self._base_finals = self.core.commands_seen, self.finals

    def _on_send(self, data: bytes, payload: bool) -> None:
        self.transcript.append(("module", data))
        # the block a data header announced ("read": a session's buffer, "ram": FTPEXTGET=3),
        # or FTPETGET data, escaped, which carries its Credit
        kind, self._payload_next = self._payload_next or ("stream" if payload else None), None
        if kind is not None:
            self._last_was_ok = False
            if kind == "read":
                self._host_read(data)
            elif kind == "stream":
                self._host_read(unescape(data))
            return
        was_ok, self._last_was_ok = self._last_was_ok, False
        if FINAL.fullmatch(data):
            self.finals += 1
            self._last_was_ok = data in OK_RESULTS
        elif ETPUT_PROMPT.fullmatch(data):
            if was_ok and self.core.profile.quirks.etput_ok_before_prompt:
                self.finals -= 1  # AN 5.14's OK before the prompt: the line's result is still to come
                self.preambles += 1
        elif match := DATA_HEADER.fullmatch(data):
            if int(match.group(2)):
                # FTPGET/FTPLIST blocks come from the session's buffer; FTPEXTGET=3 from RAM
                self._payload_next = "ram" if match.group(1) == b"FTPEXTGET" else "read"
        elif match := RAW_PROMPT.fullmatch(data):
            self.raw_wanted = int(match.group(1))
        elif match := FTPSTATE.fullmatch(data):
            self.ftpstate_answers.append(int(match.group(1)))


def unescape(data: bytes) -> bytes:
    """FTPETGET data as the module sent it, DLE escapes undone (the core escapes per chunk)."""
    out, i = bytearray(), 0
    while i < len(data):
        if data[i] == 0x10 and i + 1 < len(data):
            i += 1
        out.append(data[i])
        i += 1
    return bytes(out)


def quiet_plan(job) -> JobPlan:
    """Every job opens, sends nothing and succeeds (for tests that need no engine draws)."""
    return JobPlan()

