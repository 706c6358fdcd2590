"""Fixtures for the driver's unit tests: a scripted module on a real pty pair, and a
channel opened on it the way a user opens a serial port."""

from __future__ import annotations

import pytest

from driver import AtChannel, MemoryTranscript, Timeouts

from .pty_module import PtyModule, Script

# short enough that a test waiting for a reply that never comes fails quickly; no
# unprompted re-reads of FTP data, so scripts need not allow for them on a slow machine
UNIT_TIMEOUTS = Timeouts(command=2.0, ftp_session=3.0, bearer=3.0, data_poll=3.0)


@pytest.fixture
def script():
    """The exchange the module plays; the test fails if any step is left unplayed."""
    script = Script()
    yield script
    assert script.finished, f"steps never played: {list(script.steps)}"


@pytest.fixture
def module(script):
    module = PtyModule(script)
    yield module
    module.close()
    assert module.errors == []


@pytest.fixture
def transcript():
    return MemoryTranscript()


@pytest.fixture
def channel(module, transcript):
    channel = AtChannel.open(module.port, timeouts=UNIT_TIMEOUTS, recorder=transcript)
    yield channel
    channel.close()


@pytest.fixture
def modem(script, module, transcript):
    """A Modem opened on the scripted module (which first answers the synchronisation)."""
    from driver import Modem

    from .ftp_script import synchronising

    script.add(*synchronising())
    modem = Modem.open(module.port, timeouts=UNIT_TIMEOUTS, recorder=transcript)
    yield modem
    modem.close()
