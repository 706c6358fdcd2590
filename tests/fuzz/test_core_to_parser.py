"""The emulator's core talks to the driver's parser: what one module says, the other reads.

The same runs as test_module_core (core_steps.py: valid and purposeful command lines, payloads, engine
events, time, bearer losses; under ATV1, which is all the driver speaks), with every
byte the core sends fed to an AtParser that is told each command line as the host
sends it. After every step:

* the parser found no noise: everything the module says is a frame it knows;
* it saw exactly the core's final results (and the application note's OK before
  `+FTPETPUT: 2,1`, which the channel sets aside);
* the blocks it counted are the payloads the module sent, intact; the FTPETGET stream
  it decoded is the file the engine delivered.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from driver.events import CmeErrorResult, DataBlock, Error, Noise, Ok, TransparentData
from driver.parser import AtParser

from .at_lines import valid_lines
from .budgets import frozen
from .module_harness import FuzzedModule, unescape
from .core_steps import job_plans, payload_for, profiles, run_step

pytestmark = pytest.mark.fuzz

STEPS = ["purposeful"] * 6 + ["valid"] * 3 + ["payload"] * 4 + ["engine"] * 7 + ["fail", "time", "time", "bearer"]
MIN_STEPS, MAX_STEPS = 12, 50
DRIVER_LINES = valid_lines.filter(lambda line: b"V0" not in line.upper())  # the driver speaks ATV1 only


class ParsedModule(FuzzedModule):
    """A FuzzedModule whose every output byte also goes through the driver's AtParser."""

    def __init__(self, plan_for, profile) -> None:
        self.parser = AtParser()
        self.events: list = []
        self.blocks_sent = bytearray()  # payloads after data headers, as the core sent them
        self.stream_sent = bytearray()  # FTPETGET data, unescaped
        super().__init__(plan_for, profile)

    def feed(self, data: bytes) -> None:
        if self.mode == "line" and data.endswith(b"\r") and data.count(b"\r") == 1:
            self.parser.expect(data[:-1].decode("latin-1"))  # as the channel does before writing
        super().feed(data)

    def _on_send(self, data: bytes, payload: bool) -> None:
        if self._payload_next in ("read", "ram"):
            self.blocks_sent += data
        elif payload:
            self.stream_sent += unescape(data)
        self.events += self.parser.feed(data)
        super()._on_send(data, payload)

    def check_parsed(self) -> None:
        events = self.events
        assert not [e for e in events if isinstance(e, Noise)], f"noise in {events}\n{self.show()}"
        finals = sum(isinstance(e, (Ok, Error, CmeErrorResult)) for e in events)
        assert finals == self.finals + self.preambles, f"parser saw {finals} results\n{self.show()}"
        blocks = [e for e in events if isinstance(e, DataBlock)]
        assert all(b.intact for b in blocks), self.show()
        assert b"".join(b.data for b in blocks) == self.blocks_sent[: sum(len(b.data) for b in blocks)]
        stream = b"".join(e.data for e in events if isinstance(e, TransparentData))
        assert stream == self.stream_sent[: len(stream)], self.show()


@frozen()
@given(data=st.data())
def test_what_the_core_sends_the_parser_reads_as_sent(data):
    profile = data.draw(profiles(), label="profile")
    module = ParsedModule(lambda job: data.draw(job_plans(job.operation), label=f"job {job.session}"), profile)
    for step in data.draw(st.lists(st.sampled_from(STEPS), min_size=MIN_STEPS, max_size=MAX_STEPS), label="steps"):
        if step == "valid":
            module.feed(data.draw(DRIVER_LINES, label="line"))
        elif step == "payload":
            if module.mode in ("raw", "escaped"):  # a driver sends payload only when asked
                module.feed(payload_for(module, data))
        else:
            run_step(module, step, data)
        module.check()
        module.check_parsed()
