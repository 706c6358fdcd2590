"""How long to wait for the module, per command (reference section 9, maximum response times)."""

from __future__ import annotations

import re
from dataclasses import dataclass

BITS_PER_BYTE = 10  # start + 8 data + stop on the UART
_NAME = re.compile(r"AT(\+[A-Z0-9]+)(=\?|\?|=)?", re.IGNORECASE)
_BLOCK_READ = re.compile(r"AT\+(?:FTPGET|FTPLIST)=2,(\d+)", re.IGNORECASE)
_EXTENDED_READ = re.compile(r"AT\+FTPEXTGET=3,\d+,(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Timeouts:
    """Seconds; `scale` multiplies all of them (a slow bench, a debugger attached)."""

    command: float = 5.0  # general and configuration commands: the manual gives "-"
    cfun: float = 10.0  # AT+CFUN, M105 3.2.19
    cpin: float = 5.0  # AT+CPIN, M105 3.2.11
    cgatt: float = 75.0  # AT+CGATT=<n>, M105 6.2.1
    cops: float = 120.0  # AT+COPS=..., M105 3.2.9 (45 s for the test form)
    ftp_session: float = 75.0  # an FTP session command to its URC, M105 chapter 15
    bearer: float = 120.0  # AT+CNACT=<cid>,1 to +APP PDP (the manual gives none; Zephyr waits 120 s)
    # A module need not repeat "+FTPGET: 1,1" at once when data arrives after a read
    # emptied its buffer (the repeat interval is undocumented): after this long without
    # that URC the host reads anyway. Zephyr waits 200 ms.
    data_poll: float = 0.5
    transfer_margin: float = 2.0  # a payload may take this many times its line time
    scale: float = 1.0

    def for_command(self, command: str, baudrate: int | None = None) -> float:
        """Until the final result of `command` (plus the line time of the data it asks for)."""
        match = _NAME.match(command.strip())
        name, form = (match.group(1).upper(), match.group(2)) if match else ("", None)
        base = {
            "+CFUN": self.cfun,
            "+CPIN": self.cpin,
            "+CGATT": self.cgatt if form == "=" else self.command,
            "+COPS": self.cops if form == "=" else 45.0 if form == "=?" else self.command,
        }.get(name, self.command)
        size = _data_size(command)
        return self.scaled(base) + self.line_time(size, baudrate)

    def line_time(self, size: int, baudrate: int | None) -> float:
        """Time allowed for `size` payload bytes on the UART."""
        if not size or not baudrate:
            return 0.0
        return self.scaled(size * BITS_PER_BYTE / baudrate * self.transfer_margin)

    def scaled(self, seconds: float) -> float:
        return seconds * self.scale


def _data_size(command: str) -> int:
    for pattern in (_BLOCK_READ, _EXTENDED_READ):
        match = pattern.match(command.strip())
        if match:
            return int(match.group(1))
    return 0
