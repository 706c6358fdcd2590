"""Shrunk examples the fuzz targets found, kept as plain tests of the right behaviour.

The bugs were in the dispatcher (module.py) and the knob groups (emulator/control); each
is fixed, and its shrunk example stays here as a plain test.

`>` is the host, `<` the module.
"""

from __future__ import annotations

from emulator.control.groups import FtpFaults
from emulator.core.triggers import When
from tests.emulator.hosts import OK, quiet_host

FINAL_RESULTS = (b"\r\nOK\r\n", b"\r\nERROR\r\n")

def test_a_reboot_before_a_data_phase_on_one_line_still_ends_the_line():
    # > AT+FTPEXTPUT=1                          < OK
    # > AT+CFUN=1,1;+FTPEXTPUT=2,0,10,1000      < a final result, then the reboot: RDY ...
    # (found by test_module_core: "a reboot came with 11 lines but 10 results"; the module
    # prompted for data it would never take, then rebooted, and the line had no result)
    host = quiet_host()
    assert host.send(b"AT+FTPEXTPUT=1\r") == OK
    answer = host.send(b"AT+CFUN=1,1;+FTPEXTPUT=2,0,10,1000\r")
    before_reboot = answer.split(b"\r\nRDY\r\n")[0]
    assert before_reboot.endswith(FINAL_RESULTS), answer

class _CoreAsEmulator:
    """What a knob group needs of an Emulator, run straight on a core: `call(fn)`."""

    def __init__(self, core) -> None:
        self.core = core

    def call(self, fn):
        return fn(self.core)

def test_two_session_failures_armed_for_the_same_session():
    # faults.fail_session(61) twice, then
    # > AT+FTPGET=1     < OK, +FTPGET: 1,61   (not ERROR from an internal error)
    # (found by test_fault_schedules with two fail_session knobs on get_transparent: the
    # second rule called .fail() on the session the first had ended, i.e. on None)
    host = quiet_host()
    for line in (b"AT+CNACT=0,1\r", b"AT+FTPCID=0\r", b'AT+FTPSERV="ftp.example.com"\r', b'AT+FTPGETNAME="f"\r'):
        host.send(line)
    faults = FtpFaults(_CoreAsEmulator(host.core))
    faults.fail_session(61)
    faults.fail_session(61)
    assert host.send(b"AT+FTPGET=1\r") == OK + b"\r\n+FTPGET: 1,61\r\n"
    assert host.core.internal_errors == []

def test_a_reboot_in_the_middle_of_a_line_leaves_urcs_flowing():
    # module.reboot(when={"on_session": "any"}), then
    # > AT+FTPSIZE      < (reboot) RDY ... SMS Ready        (the line's OK belongs to the old life)
    # > ATE0            < ATE0 / OK
    # > AT+CNACT=0,1    < OK, +APP PDP: 0,ACTIVE           (once: OK, and the URC never came)
    # (found by test_fault_schedules: size under module.reboot at session opening; the next
    # put waited 120 s for +APP PDP)
    host = quiet_host()
    for line in (b"AT+CNACT=0,1\r", b"AT+FTPCID=0\r", b'AT+FTPSERV="ftp.example.com"\r', b'AT+FTPGETNAME="f"\r'):
        host.send(line)
    host.core.triggers.add(When(on_session="any"), lambda core: core.reboot(), True, "reboot")
    rebooted = host.send(b"AT+FTPSIZE\r")
    assert rebooted.startswith(b"\r\nRDY\r\n")
    assert host.send(b"ATE0\r") == b"ATE0\r" + OK
    assert host.send(b"AT+CNACT=0,1\r") == OK + b"\r\n+APP PDP: 0,ACTIVE\r\n"
