"""Whole transfers driven with raw AT bytes (no driver): the loops a host would write."""

from __future__ import annotations

import re

_BLOCK = re.compile(rb"\+(FTPGET|FTPLIST): 2,(\d+)")


def read_session(line, prefix: str = "+FTPGET", chunk: int = 1460) -> bytes:
    """After `+FTPxxx: 1,1`: read with `AT+FTPxxx=2,<chunk>` until `+FTPxxx: 1,0`."""
    data = bytearray()
    done = f"{prefix}: 1,0".encode()
    ready = f"{prefix}: 1,1".encode()
    while True:
        line.command(f"AT{prefix}=2,{chunk}")
        while True:
            text = _next_line(line)
            if text == ready:
                continue  # a repeated announcement waiting ahead of our response
            if text == done:
                # the end came while our read was on its way: the read finds no session
                assert _next_line(line) == b"ERROR"
                return bytes(data)
            match = _BLOCK.fullmatch(text)
            assert match, f"unexpected line {text!r}"
            data += line.take(int(match.group(2)))
            line.expect(b"\r\nOK\r\n")
            break
        while line.pending or line.serial.in_waiting:
            # URCs after OK: another announcement, or the end
            text = _next_line(line)
            if text == done:
                return bytes(data)
            assert text == ready, f"unexpected line {text!r}"


def _next_line(line) -> bytes:
    while True:
        text = line.until(b"\r\n")[:-2]
        if text:
            return text


def write_session(line, payload: bytes, window: int = 1360) -> None:
    """After `+FTPPUT: 1,1,<window>`: send `payload` in window-sized chunks, then close."""
    for start in range(0, len(payload), window):
        piece = payload[start : start + window]
        line.command(f"AT+FTPPUT=2,{len(piece)}")
        line.expect(b"\r\n+FTPPUT: 2,%d\r\n" % len(piece))
        line.send(piece)
        line.expect(b"\r\nOK\r\n")
        line.urc(f"+FTPPUT: 1,1,{window}")
    line.ok("AT+FTPPUT=2,0")
    line.urc("+FTPPUT: 1,0")


def escape(payload: bytes) -> bytes:
    return payload.replace(b"\x10", b"\x10\x10").replace(b"\x03", b"\x10\x03")


def unescape(stream: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(stream):
        if stream[i] == 0x10:
            out.append(stream[i + 1])
            i += 2
        else:
            out.append(stream[i])
            i += 1
    return bytes(out)


def read_transparent(line) -> bytes:
    """After `AT+FTPETGET=1` / OK: `+FTPETGET: 1,1`, escaped data, bare ETX, `+FTPETGET: 1,0`."""
    line.urc("+FTPETGET: 1,1")
    stream = bytearray()
    while True:
        # the payload ends at the first ETX that no DLE protects
        chunk = line.until(b"\x03")
        stream += chunk
        body = bytes(stream[:-1])
        trailing_dles = len(body) - len(body.rstrip(b"\x10"))
        if trailing_dles % 2 == 0:
            break
    line.urc("+FTPETGET: 1,0")
    return unescape(bytes(stream[:-1]))


def tricky_payload(size: int) -> bytes:
    """`size` bytes with every byte value, and the sequences a careless parser trips on."""
    traps = b"\r\nOK\r\n+FTPGET: 1,0\r\n\x03\x10\x10\x03+FTPPUT: 2,5\r\nERROR\r\n"
    pattern = traps + bytes(range(256))
    return (pattern * (size // len(pattern) + 1))[:size]
