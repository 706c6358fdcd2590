"""ServerFaults on its own: argument checks and the rule bookkeeping the server side relies on."""

from __future__ import annotations

import threading

import pytest

from emulator.ftpfaults import GREETING, ServerFaults
from emulator.ftpfaults.rules import Answer, DataCut, Stall


@pytest.mark.parametrize(
    "knob",
    [
        lambda f: f.reply("RETR", 99),
        lambda f: f.reply("RETR", 600),
        lambda f: f.reply("RETR", True),
        lambda f: f.reply("RETR", "550"),
        lambda f: f.reply("RETR f.bin", 550),
        lambda f: f.reply("", 550),
        lambda f: f.reply("RETR", 550, "two\r\nlines"),
        lambda f: f.cut_data(-1),
        lambda f: f.cut_data(10, reply=42),
        lambda f: f.stall(-0.1),
        lambda f: f.stall(float("inf")),
        lambda f: f.throttle(0),
        lambda f: f.throttle(float("nan")),
    ],
)
def test_nonsense_is_refused_up_front(knob):
    faults = ServerFaults()
    with pytest.raises(ValueError):
        knob(faults)
    assert "rules=[]" in repr(faults)


def test_newest_matching_rule_wins_and_once_is_spent():
    faults = ServerFaults()
    faults.reply("RETR", 550)
    faults.reply("RETR", 450, once=True)
    first = faults.take(Answer, "RETR")
    second = faults.take(Answer, "RETR")
    assert first.data.startswith(b"450 ") and second.data.startswith(b"550 ")
    assert faults.take(Answer, "STOR") is None
    assert faults.take(Stall, "RETR") is None
    assert faults.fired() == ["reply RETR 450", "reply RETR 550"]


def test_greeting_rules_are_apart_from_command_rules():
    faults = ServerFaults()
    faults.stall(1.5)
    faults.garbage()
    assert faults.take(Stall, "NOOP") is None
    assert faults.take(Stall, GREETING).seconds == 1.5
    assert faults.take(Answer, GREETING).data == b"hello\r\n"


def test_a_cut_fires_only_while_it_stands():
    faults = ServerFaults()
    faults.cut_data(10, once=True)
    armed = faults.find_data_cut()
    assert isinstance(armed, DataCut) and armed.reply.startswith("426 ")
    assert faults.find_data_cut() is armed  # finding does not spend it
    assert faults.fire(armed, "cut (RETR)")
    assert not faults.fire(armed, "cut (RETR)")  # once: spent
    faults.cut_data(10, reply=None)
    standing = faults.find_data_cut()
    assert standing.reply is None
    faults.clear()
    assert not faults.fire(standing, "cut (STOR)")  # cleared
    assert faults.fired() == ["cut (RETR)"]


def test_throttle_is_a_rounded_rate_and_clear_removes_it():
    faults = ServerFaults()
    assert faults.bytes_per_second() is None
    faults.throttle(1500.4)
    assert faults.bytes_per_second() == 1500
    faults.clear()
    assert faults.bytes_per_second() is None


def test_wait_fired_wakes_on_a_firing_from_another_thread():
    faults = ServerFaults()
    assert not faults.wait_fired(1, timeout=0.01)
    faults.refuse_login()
    taker = threading.Thread(target=faults.take, args=(Answer, "PASS"))
    taker.start()
    assert faults.wait_fired(1, timeout=5)
    taker.join()
    assert faults.fired() == ["refuse_login"]
