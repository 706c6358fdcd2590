"""ReplayCore without any I/O: host bytes in, the recorded module bytes out."""

from __future__ import annotations

import pytest

from driver.transcript import FROM_MODULE, TO_MODULE, Event, Header, Transcript
from emulator.core.outputs import Send
from emulator.profile import ModuleProfile
from emulator.replay import RELAXED, STRICT, ReplayCore, ReplayMismatch, ReplayScript

BOOT = b"\r\nRDY\r\n"
EVENTS = [
    Event(0.000, FROM_MODULE, BOOT),
    Event(0.100, TO_MODULE, b"AT+FTPPORT=21\r"),
    Event(0.101, FROM_MODULE, b"\r\nOK\r\n"),
    Event(0.200, TO_MODULE, b'AT+FTPPW="***"\r'),  # as recorded: masked
    Event(0.201, FROM_MODULE, b"\r\nOK\r\n"),
    Event(0.300, TO_MODULE, b"AT+FTPGET=2,1460\r"),
    Event(0.301, FROM_MODULE, b"\r\n+FTPGET: 2,0\r\n\r\nOK\r\n"),
    Event(0.400, TO_MODULE, b"AT+FTPPUT=2,4\r"),
    Event(0.401, FROM_MODULE, b"\r\n+FTPPUT: 2,4\r\n"),
    Event(0.402, TO_MODULE, b"a\rb\n"),
    Event(0.403, FROM_MODULE, b"\r\nOK\r\n"),
    Event(0.900, FROM_MODULE, b"\r\n+FTPPUT: 1,1,1360\r\n"),
]


def core(mode: str = STRICT, timing: float = 0.0) -> ReplayCore:
    script = ReplayScript.from_transcript(Transcript(Header(redacted_commands=("FTPPW", "FTPUN")), tuple(EVENTS)))
    replay = ReplayCore(script, ModuleProfile.load("fast"), mode=mode, timing=timing)
    replay.power_on(0.0)
    return replay


def sent(replay: ReplayCore) -> bytes:
    return b"".join(bytes(o.data) for o in replay.take_outputs() if isinstance(o, Send))


def test_power_on_plays_what_came_before_the_first_command():
    assert sent(core()) == BOOT


def test_each_unit_gets_the_bytes_recorded_after_it_however_it_is_split():
    whole = b'AT+FTPPORT=21\rAT+FTPPW="x;y"\rAT+FTPGET=2,1460\rAT+FTPPUT=2,4\ra\rb\n'
    expected = (
        b"\r\nOK\r\n" * 2 + b"\r\n+FTPGET: 2,0\r\n\r\nOK\r\n"
        + b"\r\n+FTPPUT: 2,4\r\n" + b"\r\nOK\r\n\r\n+FTPPUT: 1,1,1360\r\n"
    )
    for size in (1, 2, 3, 5, 8, len(whole)):
        replay = core()
        sent(replay)
        out = b""
        for i in range(0, len(whole), size):
            replay.receive_data(whole[i : i + size], 1.0)
            out += sent(replay)
        assert out == expected, size
        assert replay.finished and replay.mismatches == []


def test_strict_answers_error_to_other_bytes_and_keeps_waiting_for_the_recorded_ones():
    replay = core()
    sent(replay)
    replay.receive_data(b"AT+FTPPORT=2121\r", 1.0)
    assert sent(replay) == b"\r\nERROR\r\n"
    replay.receive_data(b"AT+FTPPORT=21\r", 1.0)
    assert sent(replay) == b"\r\nOK\r\n"
    (mismatch,) = replay.mismatches
    assert (mismatch.step, mismatch.expected, mismatch.actual) == (1, "'AT+FTPPORT=21'", "'AT+FTPPORT=2121'")
    with pytest.raises(ReplayMismatch, match="AT\\+FTPPORT=2121"):
        replay.check()


def test_relaxed_takes_other_values_of_the_same_shape_but_not_another_command():
    replay = core(RELAXED)
    sent(replay)
    replay.receive_data(b"AT+FTPPORT=2121\r", 1.0)
    assert sent(replay) == b"\r\nOK\r\n"
    replay.receive_data(b"AT+FTPPW?\r", 1.0)  # a read is not the recorded write
    assert sent(replay) == b"\r\nERROR\r\n"
    assert len(replay.mismatches) == 1 and len(replay.differences) == 1


def test_a_recorded_read_the_host_did_not_need_is_passed_over():
    replay = core()
    sent(replay)
    replay.receive_data(b'AT+FTPPORT=21\rAT+FTPPW="x"\rAT+FTPPUT=2,4\r', 1.0)
    assert sent(replay).endswith(b"\r\n+FTPPUT: 2,4\r\n")
    assert replay.skipped == [3] and replay.mismatches == []


def test_past_the_end_every_line_is_an_error():
    replay = core()
    replay.receive_data(b'AT+FTPPORT=21\rAT+FTPPW="x"\rAT+FTPGET=2,1460\rAT+FTPPUT=2,4\ra\rb\n', 1.0)
    sent(replay)
    replay.receive_data(b"AT\r", 2.0)
    assert sent(replay) == b"\r\nERROR\r\n"
    assert replay.mismatches[-1].step is None


def test_timing_replays_the_recorded_gaps_scaled():
    replay = core(timing=2.0)
    replay.receive_data(b'AT+FTPPORT=21\rAT+FTPPW="x"\rAT+FTPGET=2,1460\rAT+FTPPUT=2,4\ra\rb\n', 1.0)
    delays = [round(o.delay, 6) for o in replay.take_outputs()]
    # boot at 0; then 1 ms after each unit; the last URC 497 ms after the OK before it
    assert delays == [0.0, 0.002, 0.002, 0.002, 0.002, 0.002, 0.994]


def test_relaxed_echo_repeats_what_this_host_wrote():
    # > AT+FTPSERV="bench"   < (echo) AT+FTPSERV="bench" OK
    events = [
        Event(0.0, TO_MODULE, b'AT+FTPSERV="bench"\r'),
        Event(0.1, FROM_MODULE, b'AT+FTPSERV="bench"\r\r\nOK\r\n'),
    ]
    script = ReplayScript.from_transcript(Transcript(Header(), tuple(events)))
    replay = ReplayCore(script, ModuleProfile.load("fast"), mode=RELAXED)
    replay.power_on(0.0)
    replay.receive_data(b'AT+FTPSERV="127.0.0.1"\r', 1.0)
    assert sent(replay) == b'AT+FTPSERV="127.0.0.1"\r\r\nOK\r\n'
