"""Print how much the process's peak resident memory grows over one raw GET of N bytes.

Run as `python -m tests.support.memory_probe N`: it starts an emulator, seeds an
N-byte file, downloads it with raw AT commands, checks it, and prints the growth
in bytes. Its own payload copies are made before the baseline is taken.
"""

import resource
import sys

from emulator.emulator import Emulator
from tests.support.rawftp import read_session, tricky_payload
from tests.support.rawport import RawPort


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def main(size: int) -> None:
    payload = tricky_payload(size)
    with Emulator() as emu, RawPort(emu.port) as line:
        (emu.ftp.root / "m.bin").write_bytes(payload)
        line.command("ATE0")
        line.until(b"OK\r\n")
        line.ok("AT+CNACT=0,1")
        line.urc("+APP PDP: 0,ACTIVE")
        ftp = emu.ftp
        for command in ("AT+FTPCID=0", f'AT+FTPSERV="{ftp.host}"', f"AT+FTPPORT={ftp.port}",
                        f'AT+FTPUN="{ftp.user}"', f'AT+FTPPW="{ftp.password}"', 'AT+FTPGETNAME="m.bin"'):
            line.ok(command)
        received = bytearray(size)  # the host's copy, allocated before the baseline
        before = peak_rss()
        line.ok("AT+FTPGET=1")
        line.urc("+FTPGET: 1,1")
        received[:] = read_session(line)
        after = peak_rss()
    assert bytes(received) == payload
    print(after - before)


if __name__ == "__main__":
    main(int(sys.argv[1]))
