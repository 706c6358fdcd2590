"""Fuzz fault schedules (emulator only): any composition of the knobs, any FTP operation.

Hypothesis picks an operation (which FtpClient call, how many bytes) and up to three
faults: which knob (the FTP server's refusals, garbage, cut data connections, stalls
and throttling; the clock's scale; the module's timings; a lost bearer; and the
emulator's own line knobs: split writes, stray URCs, a lost byte, noise, a reboot, a
session failed on purpose), at which FTP command or byte count, with which parameters.
fault_runner.run_schedule holds the run to its invariants: the exact data or a
documented typed error, in time; the module answers afterwards and the next operation
moves its bytes exactly; nothing leaks.

A failure shrinks to a minimal schedule, printed as TOML (see schedules.py) that
`python -m tests.fuzz.replay_schedule FILE` replays without hypothesis.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import event, given, note
from hypothesis import strategies as st

from emulator.emulator import Emulator

from .budgets import by_profile, frozen
from .fault_runner import WITH_PROGRESS, run_schedule
from .schedules import BEFORE, Fault, Operation, Schedule

pytestmark = pytest.mark.fuzz

OPERATIONS = ["get", "get", "put", "put", "get_transparent", "put_transparent", "get_extended",
              "put_extended", "append", "size", "list", "mdtm", "delete", "mkdir"]  # fmt: skip
SIZES = [0, 1, 1360, 1461, 3000, 8000]
LOGIN = ["USER", "PASS", "TYPE"]
COMMANDS = {
    "get": ["PASV", "RETR"], "get_transparent": ["PASV", "RETR"], "get_extended": ["PASV", "RETR"],
    "put": ["PASV", "STOR"], "put_transparent": ["PASV", "STOR"], "put_extended": ["PASV", "STOR"],
    "append": ["PASV", "APPE"], "list": ["PASV", "LIST"], "size": ["SIZE"], "mdtm": ["MDTM"],
    "delete": ["DELE"], "mkdir": ["MKD"],
}  # fmt: skip
# refusals only: a server that answers success without doing the work is not a fault
# the module could see, so "exact data" could not be asked for
REFUSALS = [421, 425, 426, 450, 451, 452, 500, 501, 502, 503, 504, 530, 550, 553]
UNPARSABLE = [("PASV", 227), ("SIZE", 213), ("MDTM", 213)]  # a right code with junk after it
TIMINGS = {
    "idle_timeout": [0.01, 1.0, 5.0],
    "data_urc_repeat": [0.05, 0.5, 2.0],
    "server_timeout": [0.5, 5.0],
    "connect_latency": [0.5, 5.0],
}
# URCs a module may send at any time that no operation here waits for
STRAY_URCS = ["+APP PDP: 1,DEACTIVE", "+CPIN: READY", "+CSQ: 20,0", "+CEREG: 1"]
NOISE = ["\x00", "\xff\xfe", "xyz\r\n", "\r\n\x00\r\n"]  # bytes that form no frame of the protocol
BUDGET = {"ci": 40, "hardware": 4, "dev": 100}  # examples; nightly: NIGHTLY_EXAMPLES
NIGHTLY_EXAMPLES = 1000


@st.composite
def operations(draw) -> Operation:
    name = draw(st.sampled_from(OPERATIONS))
    size = draw(st.sampled_from(SIZES))
    offset = draw(st.integers(1, size)) if name == "get" and size and draw(st.booleans()) else 0
    return Operation(name, size, offset)


@st.composite
def server_fault(draw, operation: Operation) -> Fault:
    commands = [None, *LOGIN, *COMMANDS[operation.name], "QUIT"] + (["REST"] if operation.offset else [])
    kind = draw(st.sampled_from(["reply", "reply", "garbage", "cut_data", "stall", "stall", "throttle",
                                 "refuse_login"]))  # fmt: skip
    once = draw(st.booleans())
    if kind == "reply":
        command = draw(st.sampled_from(commands))
        junk = [(c, code) for c, code in UNPARSABLE if c == command]
        if junk and draw(st.booleans()):
            return Fault("server.reply", {"command": command, "code": junk[0][1], "text": "junk", "once": once})
        return Fault("server.reply", {"command": command, "code": draw(st.sampled_from(REFUSALS)), "once": once})
    if kind == "garbage":
        return Fault("server.garbage", {"command": draw(st.sampled_from(commands)), "once": once})
    if kind == "cut_data":
        args = {"after_bytes": draw(st.sampled_from([0, 1, 100, 1460, 2000])), "once": once}
        if draw(st.booleans()):
            args["reply"] = 426  # else silence on the control connection
        return Fault("server.cut_data", args)
    if kind == "stall":
        seconds = draw(st.sampled_from([0.05, 0.3, 1.2, 2.5]))
        return Fault("server.stall", {"seconds": seconds, "command": draw(st.sampled_from(commands)), "once": once})
    if kind == "throttle":
        return Fault("server.throttle", {"bytes_per_second": draw(st.sampled_from([4096, 65536]))})
    return Fault("server.refuse_login", {"once": once})


@st.composite
def module_fault(draw) -> Fault:
    kind = draw(st.sampled_from(["time_scale", "timing", "timing", "bearer"]))
    if kind == "time_scale":
        return Fault("emulator.time_scale", {"value": draw(st.sampled_from([0.005, 0.05]))})
    if kind == "timing":
        name = draw(st.sampled_from(sorted(TIMINGS)))
        return Fault("module.timing", {"name": name, "value": draw(st.sampled_from(TIMINGS[name]))})
    return Fault("bearer.drop", {"cid": 0})


@st.composite
def line_fault(draw) -> Fault:
    """The emulator's own knobs on the serial line (emulator/control/groups.py)."""
    kind = draw(st.sampled_from(["split", "split", "urc", "urc", "drop", "noise", "reboot", "fail"]))
    if kind == "split":
        return Fault("uart.split_writes", {"piece": draw(st.sampled_from([1, 2, 3, 7, 64]))})
    if kind == "urc":
        args = {"text": draw(st.sampled_from(STRAY_URCS)),
                "at": draw(st.sampled_from(["now", "before_echo", "after_echo", "after_result"])),
                "once": draw(st.booleans())}  # fmt: skip
        if args["at"] == "now":
            args["when"] = draw(st.sampled_from([{"after_bytes": 100}, {"after_commands": 3}, {"after_commands": 12}]))
        return Fault("script.inject_urc", args)
    if kind == "drop":
        args = {"after": draw(st.sampled_from([0, 5, 40, 200, 1500])),
                "direction": draw(st.sampled_from(["to_host", "to_module"]))}  # fmt: skip
        return Fault("uart.drop_byte", args)
    if kind == "noise":
        return Fault("uart.inject_noise", {"data": draw(st.sampled_from(NOISE)),
                                           "when": {"after_commands": draw(st.integers(0, 12))}})  # fmt: skip
    if kind == "reboot":
        # between lines, as a session opens, or in the middle of a transfer
        when = draw(st.sampled_from([{"after_commands": 1}, {"after_commands": 8}, {"after_commands": 12},
                                     {"on_session": "any"}, {"after_bytes": 1360}]))  # fmt: skip
        return Fault("module.reboot", {"when": when})
    code = draw(st.sampled_from([61, 63, 64, 65, 77, 78, 79]))
    return Fault("faults.fail_session", {"code": code, "after_bytes": draw(st.sampled_from([None, 0, 1360]))})


@st.composite
def schedules(draw) -> Schedule:
    operation = draw(operations())
    faults = []
    for _ in range(draw(st.integers(0, 3))):
        fault = draw(st.one_of(server_fault(operation), module_fault(), line_fault()))
        if operation.name in WITH_PROGRESS and draw(st.integers(0, 2)) == 0:
            when = f"after {draw(st.sampled_from([0, 1, 1360, 2000]))} bytes"
            fault = Fault(fault.knob, fault.args, when)
        faults.append(fault)
    return Schedule(operation, tuple(faults))


@pytest.fixture(scope="module")
def faulty_emulator():
    with Emulator() as emulator:
        yield emulator


RUNS = itertools.count()


@frozen(max_examples=by_profile(BUDGET, NIGHTLY_EXAMPLES))
@given(schedule=schedules())
def test_an_operation_under_any_fault_schedule_ends_exactly_or_with_a_typed_error(faulty_emulator, schedule):
    note(f"the schedule as a scenario file:\n{schedule.to_toml()}")
    outcome = run_schedule(faulty_emulator, schedule, f"run-{next(RUNS)}")
    event(outcome.describe().split(" in ")[0])
    timed = any(f.when != BEFORE for f in schedule.faults)
    event(f"faults: {len(schedule.faults)}" + (", some after bytes" if timed else ""))
