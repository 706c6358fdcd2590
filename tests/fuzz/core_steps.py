"""The vocabulary of the core-level fuzz: what one step does to a FuzzedModule.

A step is a host line (valid, purposeful, near-valid), noise, payload, an engine event
(in order, a failure, a stale one), a jump of the clock, a lost bearer, or an
AT+FTPSTATE query checked against the model. Shared by test_module_core and
test_core_to_parser.
"""

from __future__ import annotations

from hypothesis import strategies as st

from emulator.core.ftp.escaping import escape
from emulator.ftp.jobs import DataArrived, JobDone, Operation, TransferOpen, UploadSent
from emulator.profile import ModuleProfile

from .at_lines import near_valid_lines, noise, purposeful_line, valid_lines
from .fake_engine import JobPlan
from .module_harness import FuzzedModule

FAILURES = [61, 62, 63, 64, 65, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79]
TIMER_JUMPS = [0.0, 0.001, 0.3, 0.5, 1.0, 9.999, 10.0, 10.001, 59.999, 60.0, 60.001, 75.0, 1000.0, 2000.0]
EXTGET_OVERFLOW = bytes(300 * 1024 + 1)  # one byte past the module's RAM

TRICKY_CHUNKS = [b"\r\nOK\r\n", b"0\r", b"\x03", b"\x10\x03", b"+FTPGET: 1,0\r\n", b"\r\nERROR\r\n"]
CHUNKS = st.one_of(
    st.sampled_from(TRICKY_CHUNKS),
    st.binary(min_size=1, max_size=40),
    st.integers(1, 4000).map(lambda n: bytes(i % 251 for i in range(n))),
)


@st.composite
def job_plans(draw, operation: Operation) -> JobPlan:
    if draw(st.integers(0, 5)) == 0:
        return JobPlan(refused=draw(st.sampled_from(FAILURES)))
    chunks: tuple[bytes, ...] = ()
    if operation in (Operation.RETRIEVE, Operation.LIST):
        chunks = tuple(draw(st.lists(CHUNKS, max_size=4)))
        if draw(st.integers(0, 30)) == 0:
            chunks += (EXTGET_OVERFLOW,)
    outcome = draw(st.sampled_from([0, 0, 0, 0, *FAILURES]))
    return JobPlan(chunks=chunks, outcome=outcome)


def payload_for(module: FuzzedModule, data) -> bytes:
    """Bytes for the data phase that is open: the announced length or not, escaped or not."""
    pattern = data.draw(st.binary(min_size=1, max_size=16), label="payload pattern")
    if module.mode == "raw":
        left = module.raw_wanted - module.core.reader.raw_received
        size = data.draw(st.sampled_from([left, left, max(0, left - 1), left + 3, 1]), label="payload size")
        return (pattern * (size // len(pattern) + 1))[:size]
    if module.mode == "escaped":
        ends = data.draw(st.sampled_from([True, True, False]), label="with its ETX")
        return escape(pattern) + (b"\x03" if ends else b"")
    return data.draw(noise, label="bytes while no data phase is open")


def stale_event(module: FuzzedModule, data):
    live = module.session.id if module.session is not None and module.session.running else None
    ended = [i for i in module.engine.past_ids() if i != live]
    if not ended:
        return None
    session = data.draw(st.sampled_from(ended), label="ended session")
    return data.draw(
        st.sampled_from([TransferOpen(session), DataArrived(session, b"late"), UploadSent(session),
                         JobDone(session, 0), JobDone(session, 79)]),  # fmt: skip
        label="stale event",
    )


def wait_for_boot(module: FuzzedModule) -> None:
    """A host waits for RDY ... SMS Ready: a booting module drops what it hears."""
    if module.core.booting:
        timings = module.core.profile.timings
        module.advance(timings.boot + 4 * timings.boot_step)


def ask_ftpstate(module: FuzzedModule) -> None:
    # > <CR>            ends whatever partial line the noise left
    # > AT+FTPSTATE     < +FTPSTATE: <the model's answer>
    wait_for_boot(module)
    module.feed(b"\r")
    module.check()
    if module.mode != "line":
        return  # that partial line opened a data phase: the query would be payload
    expected = module.expected_ftpstate()
    asked = len(module.ftpstate_answers)
    module.feed(b"AT+FTPSTATE\r")
    assert len(module.ftpstate_answers) == asked + 1, f"no +FTPSTATE answer\n{module.show()}"
    assert module.ftpstate_answers[-1] == expected, (
        f"+FTPSTATE: {module.ftpstate_answers[-1]}, but the session is {module.session}\n{module.show()}"
    )


def run_step(module: FuzzedModule, step: str, data) -> None:
    if step == "purposeful":
        # a host that knows its session: it waits for the module's URC, or sends the next line
        if module.core.booting:
            wait_for_boot(module)
        elif module.core.state.activating:
            module.advance(module.core.profile.timings.pdp_activation)  # until +APP PDP
        elif module.engine.has_events() and data.draw(st.booleans(), label="wait for the engine"):
            module.deliver_next()
        else:
            module.feed(data.draw(purposeful_line(module), label="next line of the session"))
    elif step == "valid":
        module.feed(data.draw(valid_lines, label="line"))
    elif step == "near":
        module.feed(data.draw(near_valid_lines, label="near-valid line"))
    elif step == "noise":
        module.feed(data.draw(noise, label="noise"))
    elif step == "payload":
        module.feed(payload_for(module, data))
    elif step == "engine":
        module.deliver_next()
    elif step == "fail":
        module.fail_job(data.draw(st.sampled_from(FAILURES), label="failure"))
    elif step == "stale":
        event = stale_event(module, data)
        if event is not None:
            module.deliver_stale(event)
    elif step == "time":
        module.advance(data.draw(st.sampled_from(TIMER_JUMPS), label="seconds"))
    elif step == "bearer":
        module.drop_bearer(data.draw(st.integers(0, 3), label="cid"))
    elif step == "ftpstate":
        ask_ftpstate(module)


@st.composite
def profiles(draw) -> ModuleProfile:
    """The fast profile with the quirk switches and timings a real module may differ on."""
    profile = ModuleProfile()
    profile.quirks.etput_ok_before_prompt = draw(st.booleans(), label="OK before +FTPETPUT: 2,1")
    profile.quirks.config_during_session = draw(st.sampled_from(["ok", "error"]), label="config mid-session")
    timings = profile.timings
    timings.data_urc_repeat = draw(st.sampled_from([10.0, 0.5, 0.001]), label="data_urc_repeat")
    timings.idle_timeout = draw(st.sampled_from([60.0, 1.0, 0.01]), label="idle_timeout")
    timings.pdp_activation = draw(st.sampled_from([0.0, 0.3]), label="pdp_activation")
    timings.boot = timings.boot_step = draw(st.sampled_from([0.0, 0.5]), label="boot")
    return profile
