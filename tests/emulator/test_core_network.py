"""SIM, signal, registration and bearer commands of the module core (reference section 7).

`>` is the host, `<` the module; `quiet_host()` has sent ATE0.
"""

import pytest

from emulator.profile import ModuleProfile

from .hosts import ERROR, OK, CoreHost, quiet_host

CNACT_IDLE = (
    b'\r\n+CNACT: 0,0,"0.0.0.0"\r\n+CNACT: 1,0,"0.0.0.0"\r\n'
    b'+CNACT: 2,0,"0.0.0.0"\r\n+CNACT: 3,0,"0.0.0.0"\r\n' + OK
)


@pytest.fixture
def host():
    return quiet_host()


def radio_off(host):
    assert host.send(b"AT+CFUN=0\r") == b"\r\n+CPIN: NOT READY\r\n" + OK


# -- AT+CPIN ----------------------------------------------------------------------------------


def test_cpin(host):
    # > AT+CPIN?      < +CPIN: READY / OK
    # > AT+CPIN=?     < OK
    assert host.send(b"AT+CPIN?\r") == b"\r\n+CPIN: READY\r\n" + OK
    assert host.send(b"AT+CPIN=?\r") == OK
    assert host.send(b"AT+CPIN\r") == ERROR
    assert host.send(b'AT+CPIN="1234"\r') == ERROR  # nothing to unlock
    assert host.send(b"AT+CPIN=1,2,3\r") == ERROR


def test_cpin_without_a_sim():
    # a profile without SIM: +CME ERROR: 10 (SIM not inserted) and no SMS Ready at boot
    host = CoreHost(ModuleProfile().merged({"network": {"sim": "NOT INSERTED"}}))
    assert host.boot == b"\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: NOT INSERTED\r\n"
    host.send(b"ATE0;+CMEE=1\r")
    assert host.send(b"AT+CPIN?\r") == b"\r\n+CME ERROR: 10\r\n"


# -- AT+CSQ -------------------------------------------------------------------------------------


def test_csq(host):
    # > AT+CSQ        < +CSQ: 20,0 / OK
    # > AT+CSQ=?      < +CSQ: (0-31,99),(0-7,99) / OK
    assert host.send(b"AT+CSQ\r") == b"\r\n+CSQ: 20,0\r\n" + OK
    assert host.send(b"AT+CSQ=?\r") == b"\r\n+CSQ: (0-31,99),(0-7,99)\r\n" + OK
    assert host.send(b"AT+CSQ?\r") == ERROR
    assert host.send(b"AT+CSQ=1\r") == ERROR


def test_csq_without_radio_is_unknown(host):
    radio_off(host)
    assert host.send(b"AT+CSQ\r") == b"\r\n+CSQ: 99,99\r\n" + OK


# -- AT+CGATT -------------------------------------------------------------------------------------


def test_cgatt(host):
    # > AT+CGATT?     < +CGATT: 1 / OK
    # > AT+CGATT=0    < OK
    # > AT+CGATT?     < +CGATT: 0 / OK
    assert host.send(b"AT+CGATT?\r") == b"\r\n+CGATT: 1\r\n" + OK
    assert host.send(b"AT+CGATT=?\r") == b"\r\n+CGATT: (0,1)\r\n" + OK
    assert host.send(b"AT+CGATT=0\r") == OK
    assert host.send(b"AT+CGATT?\r") == b"\r\n+CGATT: 0\r\n" + OK
    assert host.send(b"AT+CGATT=1\r") == OK
    assert host.send(b"AT+CGATT?\r") == b"\r\n+CGATT: 1\r\n" + OK
    assert host.send(b"AT+CGATT=2\r") == ERROR
    assert host.send(b"AT+CGATT\r") == ERROR


def test_cgatt_without_radio_fails(host):
    # > AT+CFUN=0 ; AT+CMEE=1 ; AT+CGATT=1     < +CME ERROR: 30 (no network service)
    radio_off(host)
    host.send(b"AT+CMEE=1\r")
    assert host.send(b"AT+CGATT=1\r") == b"\r\n+CME ERROR: 30\r\n"


def test_detaching_drops_the_bearers_after_ok(host):
    # > AT+CGATT=0
    # < OK
    # < +APP PDP: 0,DEACTIVE      (a URC: never inside the response)
    host.send(b"AT+CNACT=0,1\r")
    assert host.send(b"AT+CGATT=0\r") == OK + b"\r\n+APP PDP: 0,DEACTIVE\r\n"


# -- AT+COPS, AT+CEREG, AT+CGNAPN ---------------------------------------------------------------------------


def test_cops(host):
    # > AT+COPS?      < +COPS: 0,0,"CHN-CT",9 / OK
    assert host.send(b"AT+COPS?\r") == b'\r\n+COPS: 0,0,"CHN-CT",9\r\n' + OK
    assert host.send(b"AT+COPS=?\r") == b'\r\n+COPS: (2,"CHN-CT","CHN-CT","46011",9),,(0-4),(0-2)\r\n' + OK
    assert host.send(b"AT+COPS=0\r") == OK
    assert host.send(b'AT+COPS=1,0,"CHN-CT",9\r') == OK
    assert host.send(b"AT+COPS=5\r") == ERROR
    assert host.send(b"AT+COPS=0,0,0,0,0\r") == ERROR
    assert host.send(b"AT+COPS\r") == ERROR


def test_cops_without_registration(host):
    radio_off(host)
    assert host.send(b"AT+COPS?\r") == b"\r\n+COPS: 0\r\n" + OK


def test_cereg(host):
    # > AT+CEREG?     < +CEREG: 0,1 / OK
    # > AT+CEREG=2    < OK
    # > AT+CEREG?     < +CEREG: 2,1 / OK
    assert host.send(b"AT+CEREG?\r") == b"\r\n+CEREG: 0,1\r\n" + OK
    assert host.send(b"AT+CEREG=?\r") == b"\r\n+CEREG: (0-2,4)\r\n" + OK
    assert host.send(b"AT+CEREG=2\r") == OK
    assert host.send(b"AT+CEREG?\r") == b"\r\n+CEREG: 2,1\r\n" + OK
    assert host.send(b"AT+CEREG=3\r") == ERROR
    assert host.send(b"AT+CEREG\r") == ERROR
    radio_off(host)
    assert host.send(b"AT+CEREG?\r") == b"\r\n+CEREG: 2,0\r\n" + OK


def test_cgnapn(host):
    # > AT+CGNAPN     < +CGNAPN: 1,"ctnb" / OK
    assert host.send(b"AT+CGNAPN\r") == b'\r\n+CGNAPN: 1,"ctnb"\r\n' + OK
    assert host.send(b"AT+CGNAPN=?\r") == b"\r\n+CGNAPN: (0,1),120\r\n" + OK
    assert host.send(b"AT+CGNAPN?\r") == ERROR
    assert host.send(b"AT+CGNAPN=1\r") == ERROR
    radio_off(host)
    assert host.send(b"AT+CGNAPN\r") == b'\r\n+CGNAPN: 0,""\r\n' + OK


# -- AT+CNCFG ---------------------------------------------------------------------------------------------------


def test_cncfg_forms(host):
    # > AT+CNCFG=0,1,"ctnb","user","pass",2     < OK
    # > AT+CNCFG?     < four lines, one per context / OK
    assert host.send(b"AT+CNCFG=?\r") == b"\r\n+CNCFG: (0-3),(0-4),150,127,127,(0-3)\r\n" + OK
    assert host.send(b'AT+CNCFG=0,1,"ctnb","user","pass",2\r') == OK
    assert host.send(b"AT+CNCFG=3,2\r") == OK
    assert host.send(b"AT+CNCFG?\r") == (
        b'\r\n+CNCFG: 0,1,"ctnb","user","pass",2\r\n+CNCFG: 1,0,"","","",0\r\n'
        b'+CNCFG: 2,0,"","","",0\r\n+CNCFG: 3,2,"","","",0\r\n' + OK
    )


@pytest.mark.parametrize(
    "line",
    [
        b"AT+CNCFG=0\r",  # too few
        b'AT+CNCFG=0,1,"a","b","c",1,9\r',  # too many
        b"AT+CNCFG=4,1\r",  # no context 4
        b"AT+CNCFG=0,5\r",  # no ip_type 5
        b'AT+CNCFG=0,1,"a","b","c",4\r',  # no auth 4
        b'AT+CNCFG=0,1,"' + b"a" * 151 + b'"\r',  # APN over 150
        b"AT+CNCFG\r",
    ],
)
def test_cncfg_bad_writes_change_nothing(host, line):
    assert host.send(line) == ERROR
    assert host.send(b"AT+CNCFG?\r").startswith(b'\r\n+CNCFG: 0,0,"","","",0\r\n')


# -- AT+CNACT -----------------------------------------------------------------------------------------------------


def test_cnact_test_and_read(host):
    # > AT+CNACT?     < +CNACT: 0,0,"0.0.0.0" ... (four contexts) / OK
    assert host.send(b"AT+CNACT=?\r") == b"\r\n+CNACT: (0-3),(0-2)\r\n" + OK
    assert host.send(b"AT+CNACT?\r") == CNACT_IDLE
    assert host.send(b"AT+CNACT\r") == ERROR


def test_cnact_activation(host):
    # > AT+CNACT=0,1
    # < OK
    # < +APP PDP: 0,ACTIVE
    # > AT+CNACT?     < +CNACT: 0,1,"10.94.36.44" / ... / OK
    assert host.send(b"AT+CNACT=0,1\r") == OK + b"\r\n+APP PDP: 0,ACTIVE\r\n"
    assert host.send(b"AT+CNACT?\r") == (
        b'\r\n+CNACT: 0,1,"10.94.36.44"\r\n+CNACT: 1,0,"0.0.0.0"\r\n'
        b'+CNACT: 2,0,"0.0.0.0"\r\n+CNACT: 3,0,"0.0.0.0"\r\n' + OK
    )


def test_cnact_auto_activation_answers_like_activation(host):
    assert host.send(b"AT+CNACT=2,2\r") == OK + b"\r\n+APP PDP: 2,ACTIVE\r\n"


def test_activating_an_active_context_is_an_error(host):
    # a real 1951B16 answered plain ERROR
    host.send(b"AT+CNACT=0,1\r")
    assert host.send(b"AT+CNACT=0,1\r") == ERROR
    host.send(b"AT+CMEE=2\r")
    assert host.send(b"AT+CNACT=0,1\r") == ERROR


def test_cnact_deactivation(host):
    # > AT+CNACT=0,0
    # < OK
    # < +APP PDP: 0,DEACTIVE
    host.send(b"AT+CNACT=0,1\r")
    assert host.send(b"AT+CNACT=0,0\r") == OK + b"\r\n+APP PDP: 0,DEACTIVE\r\n"
    assert host.send(b"AT+CNACT?\r") == CNACT_IDLE
    assert host.send(b"AT+CNACT=0,0\r") == ERROR  # not active


def test_activation_without_radio_fails_by_urc(host):
    # > AT+CFUN=0 ; AT+CNACT=1,1      < OK, then +APP PDP: 1,DEACTIVE
    radio_off(host)
    assert host.send(b"AT+CNACT=1,1\r") == OK + b"\r\n+APP PDP: 1,DEACTIVE\r\n"
    assert host.send(b"AT+CNACT?\r") == CNACT_IDLE


def test_activation_takes_the_profile_time():
    # pdp_activation 1.5 s: OK at once, the URC 1.5 module seconds later
    host = quiet_host(ModuleProfile().merged({"timings": {"pdp_activation": 1.5}}))
    assert host.send(b"AT+CNACT=0,1\r") == OK
    assert host.send(b"AT+CNACT=0,1\r") == ERROR  # already on its way
    assert host.advance(1.0) == b""
    assert host.advance(0.6) == b"\r\n+APP PDP: 0,ACTIVE\r\n"


def test_a_urc_waits_for_the_response_on_the_same_line(host):
    # > AT+CNACT=0,1;+CNACT?
    # < the four lines / OK, and only then +APP PDP: 0,ACTIVE
    assert host.send(b"AT+CNACT=0,1;+CNACT?\r") == CNACT_IDLE + b"\r\n+APP PDP: 0,ACTIVE\r\n"


def test_radio_off_drops_bearers_after_the_response(host):
    # > AT+CFUN=0
    # < +CPIN: NOT READY / OK
    # < +APP PDP: 0,DEACTIVE / +APP PDP: 3,DEACTIVE
    host.send(b"AT+CNACT=0,1\r")
    host.send(b"AT+CNACT=3,1\r")
    assert host.send(b"AT+CFUN=0\r") == (
        b"\r\n+CPIN: NOT READY\r\n" + OK + b"\r\n+APP PDP: 0,DEACTIVE\r\n\r\n+APP PDP: 3,DEACTIVE\r\n"
    )


@pytest.mark.parametrize(
    "line", [b"AT+CNACT=4,1\r", b"AT+CNACT=0,3\r", b"AT+CNACT=0\r", b"AT+CNACT=0,1,1\r", b"AT+CNACT=,1\r"]
)
def test_cnact_bad_writes(host, line):
    assert host.send(line) == ERROR
    assert host.send(b"AT+CNACT?\r") == CNACT_IDLE


def test_reboot_deactivates_everything(host):
    host.send(b"AT+CNACT=0,1\r")
    host.send(b"AT+CFUN=1,1\r")
    host.send(b"ATE0\r")
    assert host.send(b"AT+CNACT?\r") == CNACT_IDLE
