"""FTP configuration commands: every form, the ranges and length limits, old values kept on error."""

import pytest

# command, test response, read response at power-on, a good value and its read-back
PARAMETERS = [
    ("FTPPORT", "+FTPPORT: (1-65535)", "+FTPPORT: 21", "2121", "+FTPPORT: 2121"),
    ("FTPMODE", "+FTPMODE: (0,1)", "+FTPMODE: 1", "0", "+FTPMODE: 0"),
    ("FTPTYPE", '+FTPTYPE: ("A","I")', '+FTPTYPE: "I"', '"A"', '+FTPTYPE: "A"'),
    ("FTPPUTOPT", '+FTPPUTOPT: ("APPE","STOU","STOR")', '+FTPPUTOPT: "STOR"', '"APPE"', '+FTPPUTOPT: "APPE"'),
    ("FTPCID", "+FTPCID: (0-3)", "+FTPCID: 1", "0", "+FTPCID: 0"),
    ("FTPREST", "+FTPREST: (0-4294967295)", "+FTPREST: 0", "4294967295", "+FTPREST: 4294967295"),
    ("FTPSERV", "+FTPSERV: (0-49)", '+FTPSERV: ""', '"ftp.example.com"', '+FTPSERV: "ftp.example.com"'),
    ("FTPUN", "+FTPUN: 49", '+FTPUN: ""', '"user"', '+FTPUN: "user"'),
    ("FTPPW", "+FTPPW: 49", '+FTPPW: ""', '"secret"', '+FTPPW: "secret"'),
    ("FTPGETNAME", "+FTPGETNAME: 64", '+FTPGETNAME: ""', '"a.bin"', '+FTPGETNAME: "a.bin"'),
    ("FTPGETPATH", "+FTPGETPATH: 255", '+FTPGETPATH: ""', '"/d/"', '+FTPGETPATH: "/d/"'),
    ("FTPPUTNAME", "+FTPPUTNAME: 64", '+FTPPUTNAME: ""', '"b.bin"', '+FTPPUTNAME: "b.bin"'),
    ("FTPPUTPATH", "+FTPPUTPATH: 255", '+FTPPUTPATH: ""', '"/e"', '+FTPPUTPATH: "/e"'),
]

# values just outside each range or limit
BAD_VALUES = {
    "FTPPORT": ["0", "65536", "-1", "abc", '"x"'],
    "FTPMODE": ["2", "-1"],
    "FTPTYPE": ['"B"', '""'],
    "FTPPUTOPT": ['"PUT"'],
    "FTPCID": ["4"],
    "FTPREST": ["4294967296", "99999999999999999999"],
    "FTPSERV": ['"' + "s" * 50 + '"'],
    "FTPUN": ['"' + "u" * 50 + '"'],
    "FTPPW": ['"' + "p" * 50 + '"'],
    "FTPGETNAME": ['"' + "n" * 65 + '"'],
    "FTPGETPATH": ['"/' + "p" * 255 + '"'],
    "FTPPUTNAME": ['"' + "n" * 65 + '"'],
    "FTPPUTPATH": ['"/' + "p" * 255 + '"'],
}


def read(line, command):
    line.command(command)
    return line.until(b"\r\nOK\r\n")


@pytest.mark.parametrize("name, test, initial, value, readback", PARAMETERS)
def test_every_form(line, name, test, initial, value, readback):
    # > AT+X=?  < <test>  OK;  > AT+X?  < <initial> OK;  > AT+X=<v>  < OK;  > AT+X?  < <v> OK;  > AT+X  < ERROR
    assert read(line, f"AT+{name}=?") == f"\r\n{test}\r\n\r\nOK\r\n".encode()
    assert read(line, f"AT+{name}?") == f"\r\n{initial}\r\n\r\nOK\r\n".encode()
    line.ok(f"AT+{name}={value}")
    assert read(line, f"AT+{name}?") == f"\r\n{readback}\r\n\r\nOK\r\n".encode()
    line.command(f"AT+{name}")
    line.expect(b"\r\nERROR\r\n")


@pytest.mark.parametrize("name, test, initial, value, readback", PARAMETERS)
def test_values_outside_the_range_are_refused_and_leave_the_old_value(line, name, test, initial, value, readback):
    line.ok(f"AT+{name}={value}")
    for bad in BAD_VALUES[name]:
        line.command(f"AT+{name}={bad}")
        line.expect(b"\r\nERROR\r\n")
    assert read(line, f"AT+{name}?") == f"\r\n{readback}\r\n\r\nOK\r\n".encode()


def test_limits_are_inclusive(line):
    # 49 characters for the server, 64 for a name, 255 for a path are all accepted
    for command in (f'AT+FTPSERV="{"s" * 49}"', f'AT+FTPGETNAME="{"n" * 64}"', f'AT+FTPPUTPATH="/{"p" * 254}"'):
        line.ok(command)


@pytest.mark.parametrize("cmee, expected", [(0, b"\r\nERROR\r\n"), (1, b"\r\n+CME ERROR: 765\r\n"), (2, b"\r\n+CME ERROR: Invalid input value\r\n")])
def test_range_errors_follow_cmee(line, cmee, expected):
    line.ok(f"AT+CMEE={cmee}")
    line.command("AT+FTPPORT=0")
    line.expect(expected)


def test_unquoted_strings_are_accepted(line):
    # SIM800-era hosts write AT+FTPGETPATH=/ and AT+FTPTYPE=I
    line.ok("AT+FTPGETPATH=/")
    line.ok("AT+FTPTYPE=a")
    assert read(line, "AT+FTPGETPATH?") == b'\r\n+FTPGETPATH: "/"\r\n\r\nOK\r\n'
    assert read(line, "AT+FTPTYPE?") == b'\r\n+FTPTYPE: "A"\r\n\r\nOK\r\n'


def test_configuration_reverts_to_defaults_on_reboot(line):
    # NO_SAVE: AT+CFUN=1,1 puts every FTP parameter back
    line.ok("AT+FTPPORT=2121")
    line.ok('AT+FTPSERV="x"')
    line.command("AT+CFUN=1,1")
    line.expect(b"\r\nOK\r\n\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nSMS Ready\r\n")
    line.command("ATE0")
    line.expect(b"ATE0\r\r\nOK\r\n")
    assert read(line, "AT+FTPPORT?;+FTPSERV?") == b'\r\n+FTPPORT: 21\r\n\r\n+FTPSERV: ""\r\n\r\nOK\r\n'


@pytest.mark.parametrize("policy, expected", [("ok", b"\r\nOK\r\n"), ("error", b"\r\n+CME ERROR: 3\r\n")])
def test_configuration_during_a_session_per_profile(emu, session_params, root, policy, expected):
    # DESIGN.md: accepted and applied to the next session; a profile switch makes it CME 3
    line = session_params
    emu.call(lambda core: setattr(core.profile.quirks, "config_during_session", policy))
    (root / "f.bin").write_bytes(b"data")
    line.ok('AT+FTPGETNAME="f.bin"')
    line.ok("AT+CMEE=1")
    line.ok("AT+FTPGET=1")
    line.command("AT+FTPPORT=2121")
    got = line.until(expected)
    assert got in (expected, b"\r\n+FTPGET: 1,1\r\n" + expected)  # the data may be announced first
    line.command("AT+FTPQUIT")
    line.until(b"+FTPGET: 1,80\r\n")
    line.command("AT+FTPPORT?")
    port = b"2121" if policy == "ok" else b"21"  # the mapped AN server needs no FTPPORT
    assert line.until(b"\r\nOK\r\n") == b"\r\n+FTPPORT: " + port + b"\r\n\r\nOK\r\n"
