"""What the minimal responder answers: the bytes the emulator would send, and nothing more.

Byte layouts of the module's replies: ATV1 framing (`\\r\\n<text>\\r\\n`), a block
header then exactly n bytes for AT+FTPGET=2,n, and the DLE/ETX stream after
`+FTPETGET: 1,1` (reference sections 1.2, 4.2 and 6.2).
"""

from __future__ import annotations

from emulator.core.ftp.escaping import escape

OK = b"\r\nOK\r\n"
ETX = b"\x03"


def urc(text: str) -> bytes:
    return b"\r\n" + text.encode() + b"\r\n"


def ok_to_everything(line: bytes) -> bytes:
    """AT, ATE0, AT+CMEE=2, every AT+FTP<parameter>=...: all answered OK."""
    return OK


class FtpGetAnswers:
    """AT+FTPGET=1 and AT+FTPGET=2,<n> of a module whose buffer always holds the whole file.

    AT+FTPGET=1 -> OK, +FTPGET: 1,1; AT+FTPGET=2,n -> +FTPGET: 2,<k>, k bytes, OK, and
    +FTPGET: 1,0 after the read that took the last byte. Anything else: OK.
    """

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._position = 0

    def __call__(self, line: bytes) -> bytes:
        if line == b"AT+FTPGET=1":
            self._position = 0
            return OK + urc("+FTPGET: 1,1")
        if line.startswith(b"AT+FTPGET=2,"):
            wanted = int(line[len(b"AT+FTPGET=2,") :])
            block = self._data[self._position : self._position + wanted]
            self._position += len(block)
            parts = [b"\r\n+FTPGET: 2,%d\r\n" % len(block), block, OK]
            if self._position == len(self._data):
                parts.append(urc("+FTPGET: 1,0"))
            return b"".join(parts)
        return OK


class FtpEtGetAnswers:
    """AT+FTPETGET=1 -> OK, +FTPETGET: 1,1, the escaped file, a bare ETX, +FTPETGET: 1,0.

    The whole stream is built once, so the thread only streams it.
    """

    def __init__(self, data: bytes) -> None:
        self.stream = OK + urc("+FTPETGET: 1,1") + escape(data) + ETX + urc("+FTPETGET: 1,0")

    def __call__(self, line: bytes) -> bytes:
        if line == b"AT+FTPETGET=1":
            return self.stream
        return OK
