"""Fuzz the emulator's sans-I/O module core: whatever the host, the engine and the clock do.

One example is a profile (quirk switches, timings) and a run of steps drawn by
hypothesis: valid, purposeful (the next command of the running session) and near-valid
command lines, line noise, payload bytes (the announced length, fewer, more; escaped,
with or without its ETX), engine events in their order or a job failing at any moment,
events of sessions that have ended, time jumps onto the module's timers, a bearer lost,
and AT+FTPSTATE queries. After every step:

* no exception has left the core (nor been turned into ERROR by its safety net);
* every command line has had exactly one final result (one in its data phase: none yet);
* AT+FTPSTATE, when asked, agrees with what ran (FuzzedModule.SessionModel);
* the host has read exactly the download bytes the engine delivered, so far.

At the end the engine finishes, time runs past every timeout, and then `AT` answers
`OK`, URCs still come out, and AT+FTPSTATE says 0.

A second target feeds random streams whole and cut into pieces: the module's answer
must not depend on the cuts.
"""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from .at_lines import near_valid_lines, noise, valid_lines
from .budgets import frozen
from .core_steps import ask_ftpstate, job_plans, profiles, run_step
from .module_harness import FuzzedModule, quiet_plan

pytestmark = pytest.mark.fuzz

STEPS = ["purposeful"] * 6 + ["valid"] * 3 + ["near"] * 3 + ["noise"] + ["payload"] * 4 + ["engine"] * 7 + [
    "fail", "stale", "time", "time", "bearer", "ftpstate", "ftpstate",
]  # fmt: skip
MIN_STEPS, MAX_STEPS = 12, 50
SETTLE_ROUNDS = 20


def settle(module: FuzzedModule) -> None:
    """The engine finishes, open data phases end, time passes every timeout."""
    for _ in range(SETTLE_ROUNDS):
        while module.engine.has_events():
            module.deliver_next()
            module.check()
        if module.mode == "escaped":
            module.feed(b"\x03")  # the ETX that ends an FTPETPUT upload
        module.advance(2000.0)  # a short raw phase times out; unread data and silent hosts time out
        module.check()
        if module.mode == "line" and not module.engine.has_events():
            return
    raise AssertionError(f"still in {module.mode} mode after {SETTLE_ROUNDS} rounds\n{module.show()}")


def answers_at(module: FuzzedModule) -> None:
    # > <CR> AT     < (AT<CR> when echo is on) OK
    module.feed(b"\r")
    module.check()
    assert module.mode == "line", module.show()
    state = module.core.state
    start = len(module.transcript)
    module.feed(b"AT\r")
    said = [data for who, data in module.transcript[start:] if who == "module"]
    ok = b"\r\nOK\r\n" if state.verbose else b"0\r"
    assert said == ([b"AT\r"] if state.echo else []) + [ok], module.show()


def urcs_still_flow(module: FuzzedModule) -> None:
    # > AT+CNACT=3,0 (if active) or AT+CNACT=3,1    < OK, then +APP PDP: 3,<state>
    # a URC held forever (a response or data phase never closed) would not come out
    action = 0 if module.core.state.bearers[3].active else 1
    start = len(module.transcript)
    module.feed(b"AT+CNACT=3,%d\r" % action)
    module.advance(module.core.profile.timings.pdp_activation)
    said = b"".join(data for who, data in module.transcript[start:] if who == "module")
    assert b"+APP PDP: 3," in said, module.show()


@frozen()
@given(data=st.data())
def test_the_core_keeps_its_promises_whatever_host_engine_and_clock_do(data):
    profile = data.draw(profiles(), label="profile")
    module = FuzzedModule(lambda job: data.draw(job_plans(job.operation), label=f"job {job.session}"), profile)
    module.check()
    for step in data.draw(st.lists(st.sampled_from(STEPS), min_size=MIN_STEPS, max_size=MAX_STEPS), label="steps"):
        run_step(module, step, data)
        module.check()
        event(f"reached: {module.mode} mode")
    event(f"sessions started: {min(len(module.engine.jobs), 3)}")
    event(f"+FTPSTATE: 1 asked: {1 in module.ftpstate_answers}")
    settle(module)
    answers_at(module)
    urcs_still_flow(module)
    ask_ftpstate(module)
    assert module.ftpstate_answers[-1] == 0, module.show()
    assert module.core.powered


# -- the same bytes, however they are cut --------------------------------------------------

# A reboot drops the bytes that came with it (the module restarts), so how a stream is cut
# decides what survives it: streams with AT+CFUN stay out of this test.
STREAMS = (
    st.lists(st.one_of(valid_lines, near_valid_lines, noise), min_size=1, max_size=15)
    .map(b"".join)
    .filter(lambda stream: b"CFUN" not in stream.upper())
)


def module_answer(stream: bytes, cuts: list[int]) -> list[tuple[str, bytes]]:
    module = FuzzedModule(quiet_plan)
    start = len(module.transcript)
    edges = [0, *cuts, len(stream)]
    for a, b in zip(edges, edges[1:]):
        module.feed(stream[a:b])
        module.check()
    return [entry for entry in module.transcript[start:] if entry[0] == "module"]


@frozen()
@given(stream=STREAMS, cut_points=st.lists(st.integers(0, 10_000), max_size=12))
def test_the_answer_to_any_stream_does_not_depend_on_how_it_is_cut(stream, cut_points):
    cuts = sorted({p % (len(stream) + 1) for p in cut_points})
    whole = b"".join(data for _, data in module_answer(stream, []))
    pieces = b"".join(data for _, data in module_answer(stream, cuts))
    assert pieces == whole, f"cut at {cuts}: {stream!r}"
