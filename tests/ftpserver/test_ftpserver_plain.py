"""With no rule set the server is plain pyftpdlib: every operation a module session uses works,
in passive (PASV) and active (PORT) mode."""

from __future__ import annotations

import io
import os
import re
from unittest import mock

import pytest

from .conftest import payload


@pytest.mark.parametrize("passive", [True, False], ids=["PASV", "PORT"])
def test_round_trip_without_rules(server, connect, passive):
    ftp = connect()
    ftp.set_pasv(passive)
    data = payload(300_000)

    # TYPE I, PASV|PORT, STOR a.bin, data, 226; then RETR a.bin gives it back
    ftp.voidcmd("TYPE I")
    ftp.storbinary("STOR a.bin", io.BytesIO(data))
    assert (server.root / "a.bin").read_bytes() == data
    got = bytearray()
    ftp.retrbinary("RETR a.bin", got.extend)
    assert got == data

    # REST 1000 then RETR: the rest of the file
    got = bytearray()
    ftp.retrbinary("RETR a.bin", got.extend, rest=1000)
    assert got == data[1000:]

    # REST then STOR overwrites from the offset; APPE appends; STOU picks a new name
    ftp.storbinary("STOR a.bin", io.BytesIO(b"XYZ"), rest=10)
    assert (server.root / "a.bin").read_bytes() == data[:10] + b"XYZ" + data[13:]
    ftp.storbinary("APPE a.bin", io.BytesIO(b"tail"))
    assert (server.root / "a.bin").read_bytes().endswith(b"tail")
    reply = ftp.storbinary("STOU", io.BytesIO(b"unique"))
    assert reply.startswith("226")
    assert b"unique" in [p.read_bytes() for p in server.root.iterdir() if p.name != "a.bin"]

    # SIZE and MDTM on the control connection
    assert ftp.size("a.bin") == len(data) + 4
    assert re.fullmatch(r"213 \d{14}", ftp.sendcmd("MDTM a.bin"))

    # MKD, LIST, RNFR/RNTO, DELE, RMD
    ftp.mkd("sub")
    listing: list[str] = []
    ftp.retrlines("LIST", listing.append)
    assert any(line.endswith(" sub") for line in listing)
    assert any(line.endswith(" a.bin") for line in listing)
    ftp.rename("a.bin", "sub/b.bin")
    assert (server.root / "sub" / "b.bin").exists()
    assert ftp.nlst("sub") == ["b.bin"]
    ftp.delete("sub/b.bin")
    ftp.rmd("sub")
    assert not (server.root / "sub").exists()

    ftp.quit()
    assert server.faults.fired() == []


def test_downloads_keep_using_sendfile_without_rules(server, connect):
    # the fault layer turns sendfile() off only while it has to count bytes (cut, throttle)
    (server.root / "f.bin").write_bytes(payload(200_000))
    calls = []
    real_sendfile = os.sendfile

    def counting_sendfile(*args):
        calls.append(args)
        return real_sendfile(*args)

    ftp = connect()
    with mock.patch("os.sendfile", counting_sendfile):
        got = bytearray()
        ftp.retrbinary("RETR f.bin", got.extend)
    assert got == payload(200_000)
    assert calls
