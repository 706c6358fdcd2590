"""AT+FTPSERV names: mapped like a hosts file, otherwise resolved by DNS for real."""

import re
import subprocess
import sys

from tests.support.rawftp import read_session
from tests.support.rawport import RawPort


def get_file(line, server, port, user, password):
    for command in ("AT+FTPCID=0", f'AT+FTPSERV="{server}"', f"AT+FTPPORT={port}",
                    f'AT+FTPUN="{user}"', f'AT+FTPPW="{password}"', 'AT+FTPGETNAME="h.txt"'):
        line.ok(command)
    line.ok("AT+FTPGET=1")


def test_a_mapped_name_dials_the_mapped_address(emu, line, root):
    # profile host_map {"ftp.example.test": "127.0.0.1:<port>"}; AT+FTPPORT is then ignored
    (root / "h.txt").write_bytes(b"mapped")
    emu.map_host("ftp.example.test", emu.ftp.address)
    get_file(line, "ftp.example.test", 1, emu.ftp.user, emu.ftp.password)
    line.urc("+FTPGET: 1,1")
    assert read_session(line) == b"mapped"


def test_an_unmapped_name_is_resolved_by_dns(emu, line, root):
    (root / "h.txt").write_bytes(b"resolved")
    get_file(line, "localhost", emu.ftp.port, emu.ftp.user, emu.ftp.password)
    line.urc("+FTPGET: 1,1")
    assert read_session(line) == b"resolved"


def test_an_unresolvable_name_ends_with_62(emu, line):
    # .invalid never resolves (RFC 6761)
    get_file(line, "no-such-host.invalid", 21, "u", "p")
    line.urc("+FTPGET: 1,62", timeout=30)


def test_map_host_on_the_command_line(tmp_path):
    # sim7080-emulator --map-host ftp.example.test=127.0.0.1 --link PATH
    link = tmp_path / "modem"
    with subprocess.Popen(
        [sys.executable, "-m", "emulator", "--link", str(link), "--map-host", "ftp.example.test=127.0.0.1",
         "--ftp-user", "u", "--ftp-password", "p", "--ftp-root", str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    ) as process:  # fmt: skip
        try:
            port = None
            for text in process.stdout:
                if match := re.match(r"ftp: 127\.0\.0\.1:(\d+)", text):
                    port = int(match.group(1))
                if text.startswith("ready"):
                    break
            (tmp_path / "h.txt").write_bytes(b"via the command line")
            with RawPort(str(link)) as line:
                line.command("ATE0")
                line.until(b"OK\r\n")
                line.ok("AT+CNACT=0,1")
                line.urc("+APP PDP: 0,ACTIVE")
                get_file(line, "ftp.example.test", port, "u", "p")
                line.urc("+FTPGET: 1,1")
                assert read_session(line) == b"via the command line"
        finally:
            process.terminate()
            assert process.wait(10) == 0
