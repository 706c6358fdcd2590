"""ReplayCore: a transcript played back as the module, with ModuleCore's shell interface.

The ModuleLoop runs it like a ModuleCore (power_on, receive_data, deliver, advance,
next_deadline, take_outputs). At power-on it sends what the module sent before the
host's first byte; then, on each complete unit from the host (a command line up to its
CR, or the payload the previous answer prompted for), it finds that unit among the next
expected ones and sends the module bytes recorded after it.

Matching (matching.py): strict compares the masked bytes, relaxed the command's shape.
A unit the host skipped is no error: the driver may have seen an ending URC earlier in
the replay than in the recording (all of a step's bytes go out at once) and so not sent
a last read; up to `lookahead` recorded command lines may be passed over this way, and
they are listed in `skipped`. Anything else answers ERROR and is listed in `mismatches`;
`check()` raises ReplayMismatch if there is any.

Timing: `timing` scales the recorded gaps (0, the default: as fast as possible; 1: as
recorded, counted from the host's unit, on the emulator's clock and its time_scale).
"""

from __future__ import annotations

from driver.redact import DEFAULT_COMMANDS, Redactor
from driver.transcript import ESCAPED, LINE, PAYLOAD, HostSplitter, HostUnit

from ..core.outputs import Outbox
from ..profile import ModuleProfile
from .matching import STRICT, MatchRules, Mismatch, describe
from .script import ReplayScript, Step

DEFAULT_LOOKAHEAD = 2
ERROR = b"\r\nERROR\r\n"


class ReplayMismatch(AssertionError):
    """The host did not write what the transcript expects."""

    def __init__(self, mismatches: list[Mismatch]) -> None:
        self.mismatches = list(mismatches)
        shown = "\n  ".join(str(m) for m in self.mismatches[:10])
        more = f"\n  … and {len(self.mismatches) - 10} more" if len(self.mismatches) > 10 else ""
        super().__init__(f"{len(self.mismatches)} replay mismatch(es):\n  {shown}{more}")


class ReplayCore:
    def __init__(
        self,
        script: ReplayScript,
        profile: ModuleProfile,
        *,
        mode: str = STRICT,
        timing: float = 0.0,
        lookahead: int = DEFAULT_LOOKAHEAD,
        redactor: Redactor | None = None,
    ) -> None:
        if timing < 0:
            raise ValueError(f"timing {timing} < 0")
        self.script = script
        self.profile = profile
        self.mode = mode
        self.timing = timing
        self.lookahead = lookahead
        # mask the host's bytes as the recording masked them, before comparing
        commands = (*DEFAULT_COMMANDS, *script.header.redacted_commands)
        self.rules = MatchRules(mode, redactor or Redactor(commands))
        self.now = 0.0
        self.powered = False
        self.mismatches: list[Mismatch] = []
        self.differences: list[str] = []  # what relaxed matching let through
        self.skipped: list[int] = []  # steps passed over (see the module docstring)
        self.played: list[int] = []
        self._next = 1  # the step whose unit is expected next
        self._splitter = HostSplitter()
        self._out = Outbox()
        self._opened = False
        self._expect()

    # -- the shell's interface (as ModuleCore) ---------------------------------------------

    def power_on(self, now: float) -> None:
        """The first power-on plays what the module sent before the host's first byte;
        a later one (Emulator.reset) does not rewind: a replay plays once."""
        self.now = now
        self.powered = True
        if not self._opened:
            self._opened = True
            self._play(self.script.steps[0], None)

    def receive_data(self, data: bytes, now: float) -> None:
        self.now = now
        self._splitter.feed(data, now)
        while (unit := self._splitter.next_unit()) is not None:
            self._on_unit(unit)
            self._expect()

    def deliver(self, event: object, now: float) -> None:
        self.now = now  # no FTP engine, no timers: nothing posts events a replay needs

    def advance(self, now: float) -> None:
        self.now = now

    def next_deadline(self) -> float | None:
        return None

    def take_outputs(self) -> list:
        return self._out.take()

    # -- results ----------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """Every recorded unit was written by the host (or passed over)."""
        return self._next >= len(self.script.steps)

    def remaining(self) -> list[Step]:
        return list(self.script.steps[self._next :])

    def check(self) -> None:
        """Raise ReplayMismatch if the host wrote anything the transcript did not expect."""
        mismatches = list(self.mismatches)
        if mismatches:
            raise ReplayMismatch(mismatches)

    def summary(self) -> str:
        left = len(self.script.steps) - self._next
        return (
            f"replay ({self.mode}) of {self.script.source or 'a transcript'}: {len(self.played)} units played, "
            f"{len(self.skipped)} passed over, {left} never reached, {len(self.mismatches)} mismatches"
        )

    # -- the replay -------------------------------------------------------------------------

    def _expected(self) -> Step | None:
        steps = self.script.steps
        return steps[self._next] if self._next < len(steps) else None

    def _expect(self) -> None:
        step = self._expected()
        unit = step.unit if step is not None else None
        if unit is None or unit.kind == LINE:
            self._splitter.expect_line()
        elif unit.kind == PAYLOAD:
            self._splitter.expect_payload(len(unit.data))
        elif unit.kind == ESCAPED:
            self._splitter.expect_payload(None)

    def _on_unit(self, unit: HostUnit) -> None:
        steps = self.script.steps
        reason = "the transcript has ended"
        for index in range(self._next, min(len(steps), self._next + 1 + self.lookahead)):
            step = steps[index]
            verdict = self.rules.compare(step.unit, unit)
            if verdict.matched:
                self.skipped.extend(range(self._next, index))
                self._next = index + 1
                if not verdict.exact:
                    self.differences.append(f"step {index}: {describe(unit)} for {describe(step.unit)}")
                self._play(step, unit)
                return
            if index == self._next:
                reason = verdict.reason
            if step.unit.kind != LINE:
                break  # a payload the module prompted for is never passed over
        expected = self._expected()
        self.mismatches.append(
            Mismatch(expected.index if expected else None, describe(expected.unit if expected else None),
                     describe(unit), reason)  # fmt: skip
        )
        self._out.send(ERROR)

    def _play(self, step: Step, unit: HostUnit | None) -> None:
        self.played.append(step.index)
        outputs = list(step.outputs)
        if outputs and unit is not None and step.unit is not None and unit.data != step.unit.data:
            # relaxed: the echo (ATE1) repeats what this host wrote, not the recorded line
            first = outputs[0]
            if first.data.startswith(step.unit.data):
                outputs[0] = type(first)(first.gap, unit.data + first.data[len(step.unit.data) :])
        if not self.timing:
            self._out.send(b"".join(o.data for o in outputs))
            return
        for output in outputs:
            self._out.send(output.data, delay=output.gap * self.timing)
