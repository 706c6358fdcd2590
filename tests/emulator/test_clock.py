"""The one clock: module time runs 1/time_scale as fast as real time, continuous across changes.

The unit tests replace the clock's view of real time, so nothing sleeps.
"""

import types

import pytest
import serial
from hypothesis import given, settings
from hypothesis import strategies as st

import emulator.clock
from emulator.clock import Clock
from emulator.emulator import Emulator
from emulator.profile import ModuleProfile

from .hosts import read_until


class RealTime:
    """Stands in for the `time` module inside emulator.clock; tests move it by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def monotonic(self) -> float:
        return self.value


@pytest.fixture
def real(monkeypatch):
    fake = RealTime()
    monkeypatch.setattr(emulator.clock, "time", types.SimpleNamespace(monotonic=fake.monotonic))
    return fake


def test_module_time_starts_at_zero_and_runs_scaled(real):
    clock = Clock(time_scale=0.001)
    assert clock.now() == 0.0
    real.value += 0.060  # 60 real milliseconds ...
    assert clock.now() == pytest.approx(60.0)  # ... are a 60 s idle timeout


def test_real_delays_and_deadlines_are_scaled(real):
    clock = Clock(time_scale=0.5)
    assert clock.real_delay(10.0) == 5.0
    real.value += 2.0
    assert clock.now() == pytest.approx(4.0)
    assert clock.real_deadline(10.0) == pytest.approx(real.value + 3.0)


def test_a_change_of_scale_keeps_module_time_continuous(real):
    clock = Clock(time_scale=1.0)
    real.value += 5.0
    before = clock.now()
    clock.time_scale = 0.01
    assert clock.now() == pytest.approx(before) == pytest.approx(5.0)
    real.value += 1.0  # one real second at the new scale: 100 module seconds
    assert clock.now() == pytest.approx(105.0)
    assert clock.real_deadline(205.0) == pytest.approx(real.value + 1.0)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=100), st.floats(min_value=1e-4, max_value=1e3)),
        min_size=1,
        max_size=20,
    )
)
def test_module_time_never_goes_back_whatever_the_changes(steps):
    fake = RealTime()
    original = emulator.clock.time
    emulator.clock.time = types.SimpleNamespace(monotonic=fake.monotonic)
    try:
        clock = Clock()
        expected, last = 0.0, clock.now()
        for real_step, scale in steps:
            fake.value += real_step
            expected += real_step / clock.time_scale
            clock.time_scale = scale
            now = clock.now()
            assert now >= last
            assert now == pytest.approx(expected, rel=1e-9, abs=1e-6)
            last = now
    finally:
        emulator.clock.time = original


@pytest.mark.parametrize("scale", [0.0, -1.0])
def test_the_scale_must_be_positive(scale):
    with pytest.raises(ValueError):
        Clock(time_scale=scale)
    clock = Clock()
    with pytest.raises(ValueError):
        clock.time_scale = scale
    assert clock.time_scale == 1.0


def test_watchers_hear_of_every_change_until_they_stop_watching(real):
    clock = Clock()
    heard = []

    def watcher():
        heard.append(clock.time_scale)

    clock.watch(watcher)
    clock.time_scale = 0.5
    clock.time_scale = 0.25
    clock.unwatch(watcher)
    clock.time_scale = 2.0
    assert heard == [0.5, 0.25]


def test_a_new_scale_applies_to_a_wait_already_under_way():
    # > AT+CNACT=0,1                  (activation takes 30 module seconds, at scale 1)
    # < OK
    #   the test sets time_scale = 0.001: the rest of the 30 s passes in milliseconds
    # < +APP PDP: 0,ACTIVE
    profile = ModuleProfile().merged({"timings": {"pdp_activation": 30.0}})
    with Emulator(profile, ftp_server=False) as emu, serial.Serial(emu.port, 115200, timeout=0.05) as port:
        port.write(b"AT+CNACT=0,1\r")
        read_until(port, b"AT+CNACT=0,1\r\r\nOK\r\n")
        emu.time_scale = 0.001
        assert read_until(port, b"\r\n+APP PDP: 0,ACTIVE\r\n", timeout=5.0) == b"\r\n+APP PDP: 0,ACTIVE\r\n"
        assert emu.time_scale == 0.001
