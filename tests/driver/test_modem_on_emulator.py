"""The Modem against the emulator: identity, SIM, bearer, errors, timeouts, resets, TCP."""

from __future__ import annotations

import pytest

from driver import AtError, AtTimeout, BearerError, CmeError, MemoryTranscript, Modem, ModuleInfo, Timeouts
from emulator.core.handlers.network import deactivate_bearer
from emulator.emulator import Emulator
from emulator.profile import ModuleProfile, Timings


@pytest.fixture(scope="module")
def emu():
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def transcript():
    return MemoryTranscript()


@pytest.fixture
def live(emu, transcript):
    """A Modem on a freshly reset emulator; the test fails if input was left unread."""
    emu.reset()
    modem = Modem.open(emu.port, recorder=transcript)
    yield modem
    leftovers = modem.channel.unconsumed()
    modem.close()
    assert leftovers == []


def test_initialize_reports_the_identity(live):
    # AT+CGMR -> Revision:1951B16SIM7080; AT+CGMM -> SIMCOM_SIM7080; AT+CGSN; AT+CPIN? -> READY
    assert live.initialize() == ModuleInfo("1951B16SIM7080", "SIMCOM_SIM7080", "869951030006302", "READY")


def test_activate_bearer_is_idempotent(live, transcript):
    # AT+CNACT? (inactive) / AT+CNACT=0,1 -> OK, +APP PDP: 0,ACTIVE / AT+CNACT? ;
    # the second call only asks AT+CNACT? (activating twice answers ERROR on a real module)
    assert live.bearer_address(0) is None
    address = live.activate_bearer(cid=0)
    assert address == "10.94.36.44"
    assert live.activate_bearer(cid=0) == address
    assert transcript.written_bytes().count(b"AT+CNACT=0,1\r") == 1


def test_deactivate_and_activate_another_context(live):
    assert live.activate_bearer(cid=2) == "10.94.36.46"
    live.deactivate_bearer(cid=2)
    assert live.bearer_address(2) is None


def test_a_lost_bearer_is_noticed(live, emu):
    live.activate_bearer(cid=0)
    with live.channel.subscribe("+APP PDP: 0,") as urcs:
        emu.call(lambda core: deactivate_bearer(core, 0))  # the network drops the context
        assert urcs.wait(5).text == "+APP PDP: 0,DEACTIVE"
    assert 0 in live.lost_bearers
    assert live.bearer_address(0) is None


def test_cme_error_carries_number_and_text(live):
    # AT+CPIN=1234 (no PIN asked for)  ->  +CME ERROR: operation not allowed   (AT+CMEE=2)
    with pytest.raises(CmeError) as caught:
        live.command("AT+CPIN=1234")
    assert (caught.value.code, caught.value.text) == (3, "operation not allowed")
    assert caught.value.command == "AT+CPIN=1234"


def test_unknown_command_is_a_plain_error(live):
    with pytest.raises(AtError) as caught:
        live.command("AT+SHTRDT")
    assert type(caught.value) is AtError
    assert caught.value.seen.startswith(b"\r\nERROR\r")  # its LF may still be on the way


def test_reset_is_noticed_and_echo_turned_off_again(live, emu, transcript):
    # the module reboots: RDY, +CFUN: 1, +CPIN: READY, SMS Ready; echo is on again
    with live.channel.subscribe("SMS Ready") as booted:
        emu.reset()
        booted.wait(5)
    assert live.resets_seen == 1
    assert live.command("AT+CSQ").lines == ("+CSQ: 20,0",)
    assert transcript.written_bytes().endswith(b"ATE0\rAT+CMEE=2\rAT+CSQ\r")


def test_a_slow_answer_times_out_and_the_next_command_is_not_confused():
    # AT+CSQ answered after 1 s, the host waits 0.2 s; the late answer must not be
    # taken for the answer of the commands after it
    profile = ModuleProfile(timings=Timings(command_delays={"+CSQ": 1.0}))
    with Emulator(profile) as slow, Modem.open(slow.port, timeouts=Timeouts(command=3.0)) as modem:
        with pytest.raises(AtTimeout) as caught:
            modem.command("AT+CSQ", timeout=0.2)
        assert caught.value.command == "AT+CSQ" and caught.value.waited >= 0.2
        assert modem.command("AT+CGMM").lines == ("SIMCOM_SIM7080",)
        assert modem.command("AT+CGSN").lines == ("869951030006302",)
        late = [getattr(e, "text", type(e).__name__) for e in modem.channel.unconsumed()]
        assert late == ["+CSQ: 20,0", "Ok"]


def test_a_module_over_tcp():
    # the same module behind socket://host:port (pyserial's URL handler)
    with Emulator(tcp=("127.0.0.1", 0)) as remote:
        assert remote.port.startswith("socket://")
        with Modem.open(remote.port) as modem:
            assert modem.initialize().model == "SIMCOM_SIM7080"
            assert modem.activate_bearer() == "10.94.36.44"
            assert modem.channel.unconsumed() == []


def test_activation_without_network_is_a_bearer_error(live):
    # AT+CFUN=4 (flight mode); AT+CNACT=0,1 -> OK, +APP PDP: 0,DEACTIVE
    live.command("AT+CFUN=4")
    with pytest.raises(BearerError) as caught:
        live.activate_bearer(cid=0)
    assert "+APP PDP: 0,DEACTIVE" in str(caught.value)
