"""Downloads through the module's buffer (AT+FTPGET), on either target."""

import io

import pytest

from .payloads import SIZES, payload


@pytest.mark.parametrize("size", SIZES)
def test_get_returns_the_exact_file(ftp, remote, size):
    data = payload(size)
    path = remote.seed("f.bin", data)
    assert ftp.get(path) == data


def test_get_of_every_byte_value(ftp, remote):
    data = bytes(range(256)) * 16
    assert ftp.get(remote.seed("bytes.bin", data)) == data


@pytest.mark.parametrize("offset", [1, 1460, 5000, 9999])
def test_get_with_an_offset_returns_the_tail(ftp, remote, offset):
    # AT+FTPREST=<offset> before AT+FTPGET=1; the driver puts AT+FTPREST back to 0
    data = payload(10000, seed=3)
    path = remote.seed("f.bin", data)
    assert ftp.get(path, offset=offset) == data[offset:]
    assert ftp.get(path) == data  # the next download starts at 0 again


def test_get_to_writes_a_file_object_and_reports_progress(ftp, remote):
    data = payload(50000, seed=7)
    path = remote.seed("big.bin", data)
    sink = io.BytesIO()
    seen = []
    written = ftp.get_to(path, sink, progress=seen.append)
    assert written == len(data) and sink.getvalue() == data
    assert seen == sorted(seen) and seen[-1] == len(data)


def test_list_of_a_folder_and_of_one_file(ftp, remote):
    remote.seed("a.txt", b"a")
    remote.seed("b.bin", b"bb")
    remote.mkdir("sub")
    listing = ftp.list(remote.path)
    assert {line.split()[-1] for line in listing.splitlines()} == {"a.txt", "b.bin", "sub"}
    one = ftp.list(remote.file("b.bin"))
    assert [line.split()[-1].rsplit("/", 1)[-1] for line in one.splitlines()] == ["b.bin"]


def test_extended_get_up_to_the_ram_size(ftp, remote):
    # AT+FTPEXTGET=1 (RAM, 300 KiB at most), then AT+FTPEXTGET=3 reads it back
    data = payload(300 * 1024, seed=5)
    assert ftp.get_extended(remote.seed("x.bin", data)) == data


@pytest.mark.parametrize("size", [0, 1, 4096, 64 * 1024])
def test_transparent_get_unescapes_dle_and_etx(ftp, remote, size):
    # AT+FTPETGET=1: the file crosses in data mode with 0x03/0x10 escaped, then a bare ETX
    data = payload(size, seed=9)
    assert ftp.get_transparent(remote.seed("t.bin", data)) == data
