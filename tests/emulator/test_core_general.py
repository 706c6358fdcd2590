"""General commands of the module core (reference section 7), driven without any I/O.

Each test shows the exchange first (`>` the host, `<` the module), then checks
the exact bytes. `quiet_host()` has sent ATE0, so answers come without echo.
"""

import pytest

from emulator.core.handlers.general import BAUD_RATES
from emulator.core.outputs import PowerChanged
from emulator.profile import ModuleProfile

from .hosts import BOOT_URCS, ERROR, OK, CoreHost, quiet_host


@pytest.fixture
def host():
    return quiet_host()


# -- power-on, echo ------------------------------------------------------------------------


def test_boot_urcs_at_power_on():
    # < RDY / +CFUN: 1 / +CPIN: READY / SMS Ready, each framed CR LF ... CR LF
    assert CoreHost().boot == BOOT_URCS


def test_echo_is_on_after_boot():
    # > AT
    # < AT<CR>            (the echo: the line and its CR)
    # < OK
    assert CoreHost().send(b"AT\r") == b"AT\r" + OK


def test_at_in_any_case():
    host = CoreHost()
    assert host.send(b"at\r") == b"at\r" + OK
    assert host.send(b"aT\r") == b"aT\r" + OK


def test_ate0_is_echoed_then_echo_stops():
    # > ATE0          < ATE0<CR> OK      (echo was still on when it arrived)
    # > AT            < OK
    host = CoreHost()
    assert host.send(b"ATE0\r") == b"ATE0\r" + OK
    assert host.send(b"AT\r") == OK


def test_ate1_turns_echo_back_on(host):
    # > ATE1          < OK               (echo was off when it arrived)
    # > AT            < AT<CR> OK
    assert host.send(b"ATE1\r") == OK
    assert host.send(b"AT\r") == b"AT\r" + OK


def test_ate_alone_is_ate0():
    host = CoreHost()
    assert host.send(b"ATE\r") == b"ATE\r" + OK
    assert host.send(b"AT\r") == OK


@pytest.mark.parametrize("line", [b"ATE2\r", b"ATE01\r", b"ATE?\r", b"ATE=1\r"])
def test_other_ate_values_are_errors(host, line):
    assert host.send(line) == ERROR
    assert host.send(b"AT\r") == OK  # echo still off


# -- identification ------------------------------------------------------------------------------


def test_ati(host):
    # > ATI           < R1951.07 / OK
    assert host.send(b"ATI\r") == b"\r\nR1951.07\r\n" + OK
    assert host.send(b"ATI0\r") == b"\r\nR1951.07\r\n" + OK
    assert host.send(b"ATI1\r") == ERROR


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        (b"AT+CGMR", b"Revision:1951B16SIM7080"),
        (b"AT+GMR", b"Revision:1951B16SIM7080"),
        (b"AT+CGMI", b"SIMCOM_Ltd"),
        (b"AT+CGMM", b"SIMCOM_SIM7080"),
        (b"AT+GMM", b"SIMCOM_SIM7080"),
        (b"AT+CGSN", b"869951030006302"),
    ],
)
def test_identification_commands(host, command, answer):
    # > AT+CGMR       < Revision:1951B16SIM7080 / OK
    # > AT+CGMR=?     < OK
    # > AT+CGMR?      < ERROR   (no read form; likewise no write form)
    assert host.send(command + b"\r") == b"\r\n" + answer + b"\r\n" + OK
    assert host.send(command + b"=?\r") == OK
    assert host.send(command + b"?\r") == ERROR
    assert host.send(command + b"=1\r") == ERROR


def test_identity_comes_from_the_profile():
    profile = ModuleProfile.load("fast").merged({"identity": {"revision": "1951B17SIM7080", "ati": "R1951.09"}})
    host = quiet_host(profile)
    assert host.send(b"AT+CGMR\r") == b"\r\nRevision:1951B17SIM7080\r\n" + OK
    assert host.send(b"ATI\r") == b"\r\nR1951.09\r\n" + OK


# -- ATV: result code format -----------------------------------------------------------------------


def test_atv0_numeric_results(host):
    # > ATV0          < 0<CR>
    # > AT            < 0<CR>
    # > AT+CSQ        < +CSQ: 20,0<CR><LF>0<CR>
    # > ATX           < 4<CR>
    # > ATV1          < <CR><LF>OK<CR><LF>
    assert host.send(b"ATV0\r") == b"0\r"
    assert host.send(b"AT\r") == b"0\r"
    assert host.send(b"AT+CSQ\r") == b"+CSQ: 20,0\r\n0\r"
    assert host.send(b"AT+CNACT?\r") == (
        b'+CNACT: 0,0,"0.0.0.0"\r\n+CNACT: 1,0,"0.0.0.0"\r\n'
        b'+CNACT: 2,0,"0.0.0.0"\r\n+CNACT: 3,0,"0.0.0.0"\r\n0\r'
    )
    assert host.send(b"ATX\r") == b"4\r"
    assert host.send(b"ATV1\r") == OK
    assert host.send(b"AT\r") == OK


def test_atv0_cme_errors_and_urcs(host):
    # under V0 a CME error and a URC are text and CR LF, with no leading CR LF
    host.send(b"ATV0\r")
    assert host.send(b"AT+CMEE=1\r") == b"0\r"
    assert host.send(b"AT+CMEE=7\r") == b"+CME ERROR: 765\r\n"
    assert host.send(b"AT+CNACT=0,1\r") == b"0\r+APP PDP: 0,ACTIVE\r\n"


def test_atv_alone_is_atv0_and_atv2_is_an_error(host):
    assert host.send(b"ATV2\r") == ERROR
    assert host.send(b"ATV\r") == b"0\r"


# -- AT&W, AT&C ---------------------------------------------------------------------------------------


def test_at_and_w_answers_ok(host):
    # not in the SIM7080 manual; TinyGSM sends it anyway
    assert host.send(b"AT&W\r") == OK
    assert host.send(b"AT&W0\r") == OK
    assert host.send(b"AT&W1\r") == ERROR


def test_at_and_c(host):
    # > AT&C0         < OK      (DCD always on)
    # > AT&C1         < OK      (DCD follows the data carrier)
    assert host.send(b"AT&C0\r") == OK
    assert host.core.state.dcd_mode == 0
    assert host.send(b"AT&C1\r") == OK
    assert host.core.state.dcd_mode == 1
    assert host.send(b"AT&C2\r") == ERROR
    assert host.core.state.dcd_mode == 1


# -- AT+CMEE --------------------------------------------------------------------------------------------


def test_cmee_forms(host):
    # > AT+CMEE=?     < +CMEE: (0,1,2) / OK
    # > AT+CMEE?      < +CMEE: 0 / OK
    # > AT+CMEE=2     < OK
    # > AT+CMEE?      < +CMEE: 2 / OK
    assert host.send(b"AT+CMEE=?\r") == b"\r\n+CMEE: (0,1,2)\r\n" + OK
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 0\r\n" + OK
    assert host.send(b"AT+CMEE=2\r") == OK
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 2\r\n" + OK
    assert host.send(b"AT+CMEE\r") == ERROR


@pytest.mark.parametrize(
    ("cmee", "failure"),
    [(0, ERROR), (1, b"\r\n+CME ERROR: 765\r\n"), (2, b"\r\n+CME ERROR: Invalid input value\r\n")],
)
def test_cmee_decides_how_a_bad_value_fails(host, cmee, failure):
    # > AT+CMEE=<n>   < OK
    # > AT+CFUN=3     < ERROR | +CME ERROR: 765 | +CME ERROR: Invalid input value
    assert host.send(b"AT+CMEE=%d\r" % cmee) == OK
    assert host.send(b"AT+CFUN=3\r") == failure


@pytest.mark.parametrize(
    ("cmee", "failure"),
    [(0, ERROR), (1, b"\r\n+CME ERROR: 3\r\n"), (2, b"\r\n+CME ERROR: operation not allowed\r\n")],
)
def test_cmee_decides_how_a_state_violation_fails(host, cmee, failure):
    # the emulated SIM asks for no PIN: entering one is not allowed
    host.send(b"AT+CMEE=%d\r" % cmee)
    assert host.send(b'AT+CPIN="1234"\r') == failure


@pytest.mark.parametrize("cmee", [0, 1, 2])
@pytest.mark.parametrize("line", [b"AT+SHTRDT\r", b"ATX\r", b"AT+CSQ?\r", b"AT+CMEE=x\r"])
def test_unknown_commands_and_syntax_errors_are_plain_error_whatever_cmee(host, cmee, line):
    # a real SIM7080G with CMEE=2 answered AT+SHTRDT with plain ERROR
    host.send(b"AT+CMEE=%d\r" % cmee)
    assert host.send(line) == ERROR


def test_cmee_is_lost_on_reboot(host):
    host.send(b"AT+CMEE=2\r")
    host.send(b"AT+CFUN=1,1\r")
    host.send(b"ATE0\r")
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 0\r\n" + OK


# -- AT+CFUN ------------------------------------------------------------------------------------------------


def test_cfun_test_and_read(host):
    assert host.send(b"AT+CFUN=?\r") == b"\r\n+CFUN: (0-1,4-7),(0-1)\r\n" + OK
    assert host.send(b"AT+CFUN?\r") == b"\r\n+CFUN: 1\r\n" + OK
    assert host.send(b"AT+CFUN\r") == ERROR


def test_cfun0_reports_the_sim_before_ok(host):
    # > AT+CFUN=0
    # < +CPIN: NOT READY        (AN 4.2: before the OK)
    # < OK
    assert host.send(b"AT+CFUN=0\r") == b"\r\n+CPIN: NOT READY\r\n" + OK
    assert host.send(b"AT+CFUN?\r") == b"\r\n+CFUN: 0\r\n" + OK
    assert host.send(b"AT+CPIN?\r") == b"\r\n+CPIN: NOT READY\r\n" + OK


def test_cfun1_after_cfun0_reports_the_sim_after_ok(host):
    # > AT+CFUN=1
    # < OK
    # < +CPIN: READY            (a URC, after the response)
    host.send(b"AT+CFUN=0\r")
    assert host.send(b"AT+CFUN=1\r") == OK + b"\r\n+CPIN: READY\r\n"
    assert host.send(b"AT+CFUN?\r") == b"\r\n+CFUN: 1\r\n" + OK
    assert host.send(b"AT+CSQ\r") == b"\r\n+CSQ: 20,0\r\n" + OK


def test_cfun1_when_already_on_says_only_ok(host):
    assert host.send(b"AT+CFUN=1\r") == OK


def test_cfun11_reboots_with_the_boot_urcs(host):
    # > AT+CFUN=1,1
    # < OK
    # < RDY / +CFUN: 1 / +CPIN: READY / SMS Ready
    # and everything is back to power-on values: echo is on again
    assert host.send(b"AT+CFUN=1,1\r") == OK + BOOT_URCS
    assert PowerChanged(True) in host.actions
    assert host.send(b"AT\r") == b"AT\r" + OK


def test_cfun4_is_flight_mode(host):
    # > AT+CFUN=4     < OK      (the SIM stays ready; the radio is off)
    assert host.send(b"AT+CFUN=4\r") == OK
    assert host.send(b"AT+CFUN?\r") == b"\r\n+CFUN: 4\r\n" + OK
    assert host.send(b"AT+CSQ\r") == b"\r\n+CSQ: 99,99\r\n" + OK
    assert host.send(b"AT+CPIN?\r") == b"\r\n+CPIN: READY\r\n" + OK
    assert host.send(b"AT+CFUN=1\r") == OK


@pytest.mark.parametrize("line", [b"AT+CFUN=2\r", b"AT+CFUN=8\r", b"AT+CFUN=1,2\r", b"AT+CFUN=1,1,1\r", b"AT+CFUN=\r"])
def test_cfun_bad_values(host, line):
    assert host.send(line) == ERROR
    assert host.send(b"AT+CFUN?\r") == b"\r\n+CFUN: 1\r\n" + OK


# -- AT+CPOWD -------------------------------------------------------------------------------------------------


def test_cpowd1_says_normal_power_down_then_nothing(host):
    # > AT+CPOWD=1
    # < NORMAL POWER DOWN       (no OK)
    # > AT            (silence: the module is off)
    assert host.send(b"AT+CPOWD=1\r") == b"\r\nNORMAL POWER DOWN\r\n"
    assert PowerChanged(False) in host.actions
    assert host.send(b"AT\r") == b""
    assert host.advance(60.0) == b""


def test_cpowd1_reports_active_bearers_lost(host):
    # a real module printed +APP PDP: 0,DEACTIVE right after NORMAL POWER DOWN
    host.send(b"AT+CNACT=0,1\r")
    assert host.send(b"AT+CPOWD=1\r") == b"\r\nNORMAL POWER DOWN\r\n\r\n+APP PDP: 0,DEACTIVE\r\n"


@pytest.mark.parametrize("bearer_active", [False, True])
def test_cpowd0_is_silent(host, bearer_active):
    # > AT+CPOWD=0    (urgent power-off: no answer at all)
    if bearer_active:
        host.send(b"AT+CNACT=0,1\r")
    assert host.send(b"AT+CPOWD=0\r") == b""
    assert PowerChanged(False) in host.actions
    assert host.send(b"AT\r") == b""


def test_power_returns_with_the_boot_urcs(host):
    host.send(b"AT+CPOWD=1\r")
    host.core.power_on(host.now)
    assert host.take() == BOOT_URCS
    assert host.send(b"AT\r") == b"AT\r" + OK


def test_cpowd_other_forms(host):
    assert host.send(b"AT+CPOWD=?\r") == b"\r\n+CPOWD: (0,1)\r\n" + OK
    assert host.send(b"AT+CPOWD=2\r") == ERROR
    assert host.send(b"AT+CPOWD\r") == ERROR
    assert host.send(b"AT+CPOWD?\r") == ERROR
    assert host.send(b"AT\r") == OK


# -- AT+IPR -------------------------------------------------------------------------------------------------------


def test_ipr_forms(host):
    # > AT+IPR?       < +IPR: 115200 / OK
    # > AT+IPR=9600   < OK
    # > AT+IPR?       < +IPR: 9600 / OK
    rates = ",".join(map(str, BAUD_RATES)).encode()
    assert host.send(b"AT+IPR=?\r") == b"\r\n+IPR: (" + rates + b")\r\n" + OK
    assert host.send(b"AT+IPR?\r") == b"\r\n+IPR: 115200\r\n" + OK
    assert host.send(b"AT+IPR=9600\r") == OK
    assert host.send(b"AT+IPR?\r") == b"\r\n+IPR: 9600\r\n" + OK
    assert host.send(b"AT+IPR=1234\r") == ERROR
    assert host.send(b"AT+IPR\r") == ERROR
    assert host.send(b"AT+IPR?\r") == b"\r\n+IPR: 9600\r\n" + OK


def test_ipr_is_auto_saved_across_a_reboot(host):
    # > AT+IPR=57600 ; AT+CFUN=1,1 ; AT+IPR?   < +IPR: 57600
    host.send(b"AT+IPR=57600\r")
    assert host.send(b"AT+CFUN=1,1\r") == OK + BOOT_URCS
    host.send(b"ATE0\r")
    assert host.send(b"AT+IPR?\r") == b"\r\n+IPR: 57600\r\n" + OK


def test_ipr0_autobaud_boots_without_rdy_and_cfun(host):
    # > AT+IPR=0 ; AT+CFUN=1,1
    # < OK
    # < +CPIN: READY / SMS Ready          (no RDY, no +CFUN: 1 under auto-baud)
    assert host.send(b"AT+IPR=0\r") == OK
    assert host.send(b"AT+CFUN=1,1\r") == OK + b"\r\n+CPIN: READY\r\n\r\nSMS Ready\r\n"
    host.core.power_on(host.now)
    assert host.take() == b"\r\n+CPIN: READY\r\n\r\nSMS Ready\r\n"


# -- several commands on one line -------------------------------------------------------------------------------------


def test_commands_joined_by_semicolons_answer_with_one_ok(host):
    # > AT+CGMI;+CGMM;+CGSN
    # < SIMCOM_Ltd / SIMCOM_SIM7080 / 869951030006302 / OK
    assert host.send(b"AT+CGMI;+CGMM;+CGSN\r") == (
        b"\r\nSIMCOM_Ltd\r\n\r\nSIMCOM_SIM7080\r\n\r\n869951030006302\r\n" + OK
    )


def test_basic_and_extended_commands_on_one_line():
    # > ATE0V1;+CGMI  (the echo shows the line as typed; then echo is off)
    host = CoreHost()
    assert host.send(b"ATE0V1;+CGMI\r") == b"ATE0V1;+CGMI\r\r\nSIMCOM_Ltd\r\n" + OK
    assert host.send(b"AT\r") == OK


def test_an_error_stops_the_line(host):
    # > AT+CGMI;+NOPE;+CGMM
    # < SIMCOM_Ltd / ERROR        (+CGMM never runs)
    assert host.send(b"AT+CGMI;+NOPE;+CGMM\r") == b"\r\nSIMCOM_Ltd\r\n" + ERROR


def test_commands_before_the_error_have_taken_effect(host):
    # > AT+CMEE=1;+CFUN=9     < +CME ERROR: 765   (CMEE=1 already applied)
    assert host.send(b"AT+CMEE=1;+CFUN=9\r") == b"\r\n+CME ERROR: 765\r\n"
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 1\r\n" + OK


def test_a_malformed_line_runs_nothing(host):
    # > AT+CMEE=2;+CNCFG=0,1,"unterminated
    # < ERROR                     (parsed as a whole first: CMEE stays 0)
    assert host.send(b'AT+CMEE=2;+CNCFG=0,1,"unterminated\r') == ERROR
    assert host.send(b"AT+CMEE?\r") == b"\r\n+CMEE: 0\r\n" + OK
