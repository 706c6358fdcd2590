"""The core's scripting: trigger points, response rules, injection points (sans-I/O)."""

import pytest

from emulator.core import ModuleCore
from emulator.core.outputs import Send
from emulator.core.script import ScriptedReply
from emulator.core.triggers import When
from emulator.profile import ModuleProfile


@pytest.fixture
def core():
    module = ModuleCore(ModuleProfile())
    module.power_on(0.0)
    module.take_outputs()
    module.receive_data(b"ATE0\r", 0.0)
    module.take_outputs()
    return module


def send(core, line: bytes, now: float = 1.0) -> bytes:
    core.receive_data(line + b"\r", now)
    return b"".join(bytes(o.data) for o in core.take_outputs() if isinstance(o, Send))


@pytest.mark.parametrize("spec", [
    {"after_seconds": 1, "after_commands": 2},
    {"on_session": "download"},
    {"after_bytes": -1},
    {"after_bytes": 5, "operation": "nope"},
])  # fmt: skip
def test_a_bad_point_is_refused(spec):
    with pytest.raises(ValueError):
        When.parse(spec)


def test_after_commands_fires_after_the_nth_line(core):
    fired = []
    core.triggers.add({"after_commands": 2}, lambda c: fired.append(c.commands_seen))
    send(core, b"AT")
    assert fired == []
    send(core, b"AT")
    assert fired == [3]  # ATE0, AT, AT


def test_a_standing_rule_rearms(core):
    fired = []
    core.triggers.add({"after_commands": 1}, lambda c: fired.append(1), once=False)
    for _ in range(3):
        send(core, b"AT")
    assert fired == [1, 1, 1]
    assert core.triggers.pending == ["<lambda>"]


def test_after_seconds_follows_module_time_and_survives_a_reboot(core):
    fired = []
    core.triggers.add({"after_seconds": 10}, lambda c: fired.append(c.now))
    core.reboot()
    core.advance(9.9)
    assert fired == []
    core.advance(10.0)
    assert fired == [10.0]


def test_after_bytes_counts_only_the_named_operation(core):
    fired = []
    core.triggers.add({"after_bytes": 100, "operation": "get"}, lambda c: fired.append(1))
    core.triggers.transferred(150, "put")
    assert fired == []
    core.triggers.transferred(60, "get")
    core.triggers.transferred(40, "get")
    assert fired == [1]


def test_on_session_any_and_named(core):
    fired = []
    core.triggers.add({"on_session": "size"}, lambda c: fired.append("size"))
    core.triggers.add({"on_session": "any"}, lambda c: fired.append("any"))
    core.triggers.session_opening("get")
    core.triggers.session_opening("size")
    assert fired == ["any", "size"]


def test_a_replaced_response_and_its_result(core):
    # > AT+CSQ   < +CSQ: 1,1  +CME ERROR: 30 (scripted), then the real answer again
    core.script.respond("AT+CSQ", ScriptedReply(["+CSQ: 1,1"], "+CME ERROR: 30"))
    assert send(core, b"AT+CSQ") == b"\r\n+CSQ: 1,1\r\n\r\n+CME ERROR: 30\r\n"
    assert send(core, b"AT+CSQ") == b"\r\n+CSQ: 20,0\r\n\r\nOK\r\n"


def test_a_response_without_result(core):
    core.script.respond("+CGSN", ScriptedReply(["123"], None))
    assert send(core, b"AT+CGSN") == b"\r\n123\r\n"
    assert send(core, b"AT") == b"\r\nOK\r\n"  # the module still answers


def test_rules_match_by_the_start_of_the_command_without_case(core):
    core.script.respond("at+ftpget=2", ScriptedReply([], "ERROR"), once=False)
    assert send(core, b"AT+FTPGET=2,10") == b"\r\nERROR\r\n"
    assert send(core, b"AT+FTPGET=2,20") == b"\r\nERROR\r\n"
    assert send(core, b"AT+FTPGET=?") == b"\r\n+FTPGET: (1,2),(1-1460)\r\n\r\nOK\r\n"


def test_injections_at_each_point(core):
    send(core, b"ATE1")
    core.script.inject(b"<B>", "before_echo")
    core.script.inject(b"<E>", "after_echo")
    core.script.inject(b"<R>", "after_result")
    assert send(core, b"AT") == b"<B>AT\r<E>\r\nOK\r\n<R>"
    assert send(core, b"AT") == b"AT\r\r\nOK\r\n"


def test_a_delayed_result_carries_its_delay(core):
    core.script.delay_result(2.5, "AT+CGMM")
    core.receive_data(b"AT+CGMM\r", 1.0)
    sends = [o for o in core.take_outputs() if isinstance(o, Send)]
    assert [(bytes(s.data), s.delay) for s in sends] == [
        (b"\r\nSIMCOM_SIM7080\r\n", 0.0),
        (b"\r\nOK\r\n", 2.5),
    ]
