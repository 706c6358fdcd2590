"""cut_data: the data connection closes after N payload bytes, without the 226
(module errors 78 upload / 79 download)."""

from __future__ import annotations

import ftplib
import io

import pytest

from .conftest import payload

CUT_AT = 100_000


@pytest.mark.parametrize("passive", [True, False], ids=["PASV", "PORT"])
def test_download_ends_short_then_426(server, connect, passive):
    data = payload(1_000_000)
    (server.root / "big.bin").write_bytes(data)
    server.faults.cut_data(CUT_AT)
    ftp = connect()
    ftp.set_pasv(passive)
    got = bytearray()
    # RETR big.bin -> 150; data: exactly CUT_AT bytes, then EOF; then 426 instead of 226
    with pytest.raises(ftplib.error_temp, match=r"^426 "):
        ftp.retrbinary("RETR big.bin", got.extend)
    assert got == data[:CUT_AT]
    assert server.faults.fired() == [f"cut_data after {CUT_AT} bytes (RETR)"]


def test_listing_ends_short(server, connect):
    for i in range(300):
        (server.root / f"file-with-a-long-name-{i:04}.txt").write_bytes(b"x")
    server.faults.cut_data(1000)
    ftp = connect()
    got = bytearray()
    with pytest.raises(ftplib.error_temp, match=r"^426 "):
        ftp.retrbinary("LIST", got.extend)
    assert len(got) == 1000
    assert server.faults.fired() == ["cut_data after 1000 bytes (LIST)"]


@pytest.mark.parametrize("command", ["STOR up.bin", "APPE up.bin", "STOU"])
def test_upload_is_reset_after_n_bytes(server, connect, command):
    # more than loopback socket buffers hold, so the client is still sending at the cut
    data = payload(32_000_000)
    (server.root / "up.bin").write_bytes(b"head")
    server.faults.cut_data(CUT_AT)
    ftp = connect()
    ftp.voidcmd("TYPE I")
    # STOR up.bin -> 150; data: the server reads CUT_AT bytes and closes with unread data
    # (so the client's next send meets a reset); then 426 on the control connection
    try:
        ftp.storbinary(command, io.BytesIO(data), blocksize=65536)
    except (ConnectionError, ftplib.error_temp) as error:
        failure = error
    else:
        pytest.fail("the upload completed despite the cut")
    if isinstance(failure, ConnectionError):
        with pytest.raises(ftplib.error_temp, match=r"^426 "):
            ftp.getresp()
    stored = {p.name: p.read_bytes() for p in server.root.iterdir()}
    if command == "STOU":
        [name] = set(stored) - {"up.bin"}
        assert stored[name] == data[:CUT_AT]
    else:
        expected = (b"head" if command.startswith("APPE") else b"") + data[:CUT_AT]
        assert stored["up.bin"] == expected
    assert server.faults.fired() == [f"cut_data after {CUT_AT} bytes ({command[:4]})"]


def test_cut_without_reply_leaves_the_control_connection_silent(server, connect):
    (server.root / "big.bin").write_bytes(payload(50_000))
    server.faults.cut_data(10_000, reply=None)
    ftp = connect(timeout=0.5)
    got = bytearray()
    # RETR big.bin -> 150; 10 000 bytes, EOF; then nothing at all on the control connection
    with pytest.raises(TimeoutError):
        ftp.retrbinary("RETR big.bin", got.extend)
    assert len(got) == 10_000


def test_once_cut_waits_for_a_transfer_longer_than_n_and_fires_once(server, connect):
    short, long = payload(1000), payload(5000)
    (server.root / "short.bin").write_bytes(short)
    (server.root / "long.bin").write_bytes(long)
    server.faults.cut_data(1000, once=True)
    ftp = connect()

    def retr(name: str) -> bytes:
        got = bytearray()
        ftp.retrbinary(f"RETR {name}", got.extend)
        return bytes(got)

    assert retr("short.bin") == short  # exactly N bytes: nothing left to cut
    with pytest.raises(ftplib.error_temp, match=r"^426 "):
        retr("long.bin")
    assert retr("long.bin") == long
    assert server.faults.fired() == ["cut_data after 1000 bytes (RETR)"]


def test_clear_disarms_a_standing_cut(server, connect):
    data = payload(20_000)
    (server.root / "f.bin").write_bytes(data)
    server.faults.cut_data(0)
    ftp = connect()
    with pytest.raises(ftplib.error_temp, match=r"^426 "):
        ftp.retrbinary("RETR f.bin", lambda _: None)
    server.faults.clear()
    got = bytearray()
    ftp.retrbinary("RETR f.bin", got.extend)
    assert got == data


def test_upload_of_exactly_n_bytes_completes(server, connect):
    server.faults.cut_data(1000, once=True)
    ftp = connect()
    # STOR exact.bin -> 150; 1000 bytes, the client's EOF; 226: nothing beyond N to cut
    assert ftp.storbinary("STOR exact.bin", io.BytesIO(payload(1000))).startswith("226")
    assert (server.root / "exact.bin").read_bytes() == payload(1000)
    assert server.faults.fired() == []
    assert server.faults.find_data_cut() is not None  # still armed for a longer transfer
