"""DLE/ETX escaping of the transparent FTP data modes (AT+FTPETPUT, AT+FTPETGET).

The payload's own 0x03 and 0x10 bytes travel as 0x10 0x03 and 0x10 0x10, so a
bare 0x03 can end the stream (reference section 6.2; M105 15.2.24/25).
"""

from __future__ import annotations

import re

ETX = 0x03  # end of text: a bare one ends the stream
DLE = 0x10  # data link escape: the next byte is payload

END = bytes([ETX])
_DLE_OR_ETX = re.compile(rb"[\x03\x10]")


def escape(data: bytes) -> bytes:
    """The payload as the module must receive it, without the final bare ETX."""
    # DLE first: the DLEs added for ETX must not be doubled again
    return bytes(data).replace(b"\x10", b"\x10\x10").replace(b"\x03", b"\x10\x03")


class TransparentDecoder:
    """Undoes the escaping of a stream fed in pieces split anywhere.

    A DLE before any other byte is dropped and that byte kept (the reference's
    lenient reading of an unspecified case; a module never sends it).
    """

    def __init__(self) -> None:
        self._dle_pending = False  # the last piece ended in a DLE

    def decode(self, data: bytes | bytearray, start: int = 0) -> tuple[bytes, int, bool]:
        """Decode `data[start:]` up to the ending ETX.

        Returns (payload bytes, index just past what was consumed, True if the
        ending ETX was consumed). Bytes after the ETX are left for the caller.
        """
        out = bytearray()
        i, n = start, len(data)
        if self._dle_pending and i < n:
            out.append(data[i])
            i += 1
            self._dle_pending = False
        while i < n:
            found = _DLE_OR_ETX.search(data, i)
            if found is None:
                out += data[i:]
                return bytes(out), n, False
            j = found.start()
            out += data[i:j]
            if data[j] == ETX:
                return bytes(out), j + 1, True
            if j + 1 < n:
                out.append(data[j + 1])
                i = j + 2
            else:
                self._dle_pending = True
                i = n
        return bytes(out), i, False
