"""Transfers at the sizes where framing and buffering break, with payloads built to confuse.

Sizes: empty, one byte, around the 1360-byte upload window and the 1460-byte
read length, 64 KiB and 1 MiB. Payloads carry every byte value plus
`\\r\\nOK\\r\\n`, `+FTPGET: 1,0`, ETX and DLE. The server's side is read back
with ftplib.
"""

import pytest

from tests.support.rawftp import escape, read_session, read_transparent, tricky_payload, write_session
from tests.support.serverview import ServerView

SIZES = [0, 1, 1359, 1360, 1361, 1459, 1460, 1461, 64 * 1024, 1024 * 1024]


def names(line, name):
    line.ok(f'AT+FTPGETNAME="{name}"')
    line.ok('AT+FTPGETPATH="/"')
    line.ok(f'AT+FTPPUTNAME="{name}"')
    line.ok('AT+FTPPUTPATH="/"')


@pytest.mark.parametrize("size", SIZES)
def test_get_returns_the_exact_file(session_params, root, size):
    # > AT+FTPGET=1  < OK  < +FTPGET: 1,1   then AT+FTPGET=2,1460 until < +FTPGET: 1,0
    line = session_params
    payload = tricky_payload(size)
    (root / "f.bin").write_bytes(payload)
    names(line, "f.bin")
    line.ok("AT+FTPGET=1")
    if size == 0:
        line.urc("+FTPGET: 1,0")  # nothing to announce: the session just ends
        return
    line.urc("+FTPGET: 1,1")
    assert read_session(line) == payload


@pytest.mark.parametrize("size", SIZES)
def test_put_stores_the_exact_file(emu, session_params, size):
    # > AT+FTPPUT=1  < OK  < +FTPPUT: 1,1,1360   then chunks of at most 1360, then AT+FTPPUT=2,0
    line = session_params
    payload = tricky_payload(size)
    names(line, "f.bin")
    line.ok("AT+FTPPUT=1")
    line.urc("+FTPPUT: 1,1,1360")
    write_session(line, payload)
    with ServerView.of(emu.ftp) as server:
        assert server.read("/f.bin") == payload


def test_put_request_over_the_window_is_confirmed_at_the_window(emu, session_params):
    # > AT+FTPPUT=2,1460            < +FTPPUT: 2,1360  (DESIGN.md: confirmed = min(n, window))
    # > AT+FTPPUT=2,1461            < ERROR            (past the command's range)
    line = session_params
    names(line, "w.bin")
    line.ok("AT+FTPPUT=1")
    line.urc("+FTPPUT: 1,1,1360")
    line.command("AT+FTPPUT=2,1461")
    line.expect(b"\r\nERROR\r\n")
    line.command("AT+FTPPUT=2,1460")
    line.expect(b"\r\n+FTPPUT: 2,1360\r\n")
    line.send(bytes(1360))
    line.expect(b"\r\nOK\r\n")
    line.urc("+FTPPUT: 1,1,1360")
    line.ok("AT+FTPPUT=2,0")
    line.urc("+FTPPUT: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert server.read("/w.bin") == bytes(1360)


@pytest.mark.parametrize("length", [0, 1461])
def test_get_read_length_outside_1_to_1460_is_an_error(session_params, root, length):
    line = session_params
    (root / "f.bin").write_bytes(b"abc")
    names(line, "f.bin")
    line.ok("AT+FTPGET=1")
    line.urc("+FTPGET: 1,1")
    line.command(f"AT+FTPGET=2,{length}")
    line.expect(b"\r\nERROR\r\n")
    assert read_session(line) == b"abc"  # the session goes on unharmed


@pytest.mark.parametrize("size", [0, 1, 64 * 1024, 1024 * 1024])
def test_transparent_round_trip(emu, session_params, size):
    # > AT+FTPETPUT=1 ... AT+FTPETPUT=2, escaped payload, ETX; then AT+FTPETGET=1 brings it back
    line = session_params
    payload = tricky_payload(size)
    names(line, "t.bin")
    line.ok("AT+FTPETPUT=1")
    line.urc("+FTPETPUT: 1,1")
    line.command("AT+FTPETPUT=2")
    line.expect(b"\r\nOK\r\n\r\n+FTPETPUT: 2,1\r\n")
    line.send(escape(payload) + b"\x03")
    line.expect(b"\r\nOK\r\n")
    line.urc("+FTPETPUT: 1,0")
    with ServerView.of(emu.ftp) as server:
        assert server.read("/t.bin") == payload
    line.ok("AT+FTPETGET=1")
    assert read_transparent(line) == payload


def test_extended_put_fills_320_kib_at_positions_and_rejects_one_byte_more(emu, session_params):
    # > AT+FTPEXTPUT=2,0,163840,10000  and  AT+FTPEXTPUT=2,163840,163840,10000: the whole 320 KiB
    # > AT+FTPEXTPUT=2,1,327680,10000  < ERROR (one byte past the buffer)
    line = session_params
    payload = tricky_payload(320 * 1024)
    half = len(payload) // 2
    names(line, "x.bin")
    line.ok("AT+FTPEXTPUT=1")
    for position in (half, 0):  # out of order on purpose: positions are absolute
        line.command(f"AT+FTPEXTPUT=2,{position},{half},10000")
        line.expect(b"\r\n+FTPEXTPUT: %d,%d\r\n" % (position, half))
        line.send(payload[position : position + half])
        line.expect(b"\r\nOK\r\n")
    for bad in ("1,327680,10000", "0,327681,10000", "0,0,10000", "0,10,999", "327680,1,10000"):
        line.command(f"AT+FTPEXTPUT=2,{bad}")
        line.expect(b"\r\nERROR\r\n")
    line.command("AT+FTPEXTPUT?")
    line.expect(b"\r\n+FTPEXTPUT: 1,327680\r\n\r\nOK\r\n")
    line.ok("AT+FTPPUT=1")
    line.urc("+FTPPUT: 1,0")
    line.ok("AT+FTPEXTPUT=0")
    with ServerView.of(emu.ftp) as server:
        assert server.read("/x.bin") == payload


def test_extended_put_short_data_at_its_timeout_is_an_error(emu, session_params):
    # > AT+FTPEXTPUT=2,0,10,1000    < +FTPEXTPUT: 0,10   > 4 bytes ... 1 s passes   < ERROR
    line = session_params
    line.ok("AT+FTPEXTPUT=1")
    emu.time_scale = 0.01
    line.command("AT+FTPEXTPUT=2,0,10,1000")
    line.expect(b"\r\n+FTPEXTPUT: 0,10\r\n")
    line.send(b"abcd")
    line.expect(b"\r\nERROR\r\n")
    line.command("AT+FTPEXTPUT?")  # the partial data was discarded
    line.expect(b"\r\n+FTPEXTPUT: 1,0\r\n\r\nOK\r\n")


@pytest.mark.parametrize("size, outcome", [(300 * 1024, "+FTPEXTGET: 1,0"), (300 * 1024 + 1, "+FTPEXTGET: 1,79")])
def test_extended_get_holds_300_kib_and_fails_past_it(session_params, root, size, outcome):
    line = session_params
    payload = tricky_payload(size)
    (root / "g.bin").write_bytes(payload)
    names(line, "g.bin")
    line.ok("AT+FTPEXTGET=1")
    line.urc(outcome)
    if outcome.endswith(",0"):
        line.command(f"AT+FTPEXTGET=3,0,{size}")
        line.expect(b"\r\n+FTPEXTGET: 3,%d\r\n" % size + payload + b"\r\nOK\r\n")
        line.command(f"AT+FTPEXTGET=3,{size - 5},100")  # a read past the end is cut to what is there
        line.expect(b"\r\n+FTPEXTGET: 3,5\r\n" + payload[-5:] + b"\r\nOK\r\n")
        for bad in (f"{size},1", "0,327681", "0,0"):
            line.command(f"AT+FTPEXTGET=3,{bad}")
            line.expect(b"\r\nERROR\r\n")


def test_ascii_type_clears_bit_7_as_the_module_does(session_params, root):
    # AT+FTPTYPE="A": the module's stack strips bit 7 (reference 3), so binary data is spoilt
    line = session_params
    (root / "a.bin").write_bytes(bytes([0x41, 0xC1, 0xFF]))
    names(line, "a.bin")
    line.ok('AT+FTPTYPE="A"')
    line.ok("AT+FTPGET=1")
    line.urc("+FTPGET: 1,1")
    assert read_session(line) == bytes([0x41, 0x41, 0x7F])
