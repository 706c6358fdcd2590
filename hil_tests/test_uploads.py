"""Uploads: the chunked FTPPUT, append and unique names, the extended and transparent ways."""

import io

import pytest

from .payloads import SIZES, payload


@pytest.mark.parametrize("size", SIZES)
def test_put_stores_the_exact_file(ftp, remote, size):
    data = payload(size, seed=1)
    ftp.put(remote.file("up.bin"), data)
    assert remote.read("up.bin") == data


def test_put_from_a_file_object_with_progress(ftp, remote):
    data = payload(20000, seed=2)
    seen = []
    ftp.put(remote.file("up.bin"), io.BytesIO(data), progress=seen.append)
    assert remote.read("up.bin") == data
    assert seen == sorted(seen) and seen[-1] == len(data)


def test_put_replaces_an_existing_file(ftp, remote):
    remote.seed("up.bin", b"old content that is longer")
    ftp.put(remote.file("up.bin"), b"new")
    assert remote.read("up.bin") == b"new"


def test_append_adds_to_the_end(ftp, remote):
    # AT+FTPPUTOPT="APPE"
    remote.seed("log.txt", b"first\n")
    ftp.put(remote.file("log.txt"), b"second\n", mode="append")
    assert remote.read("log.txt") == b"first\nsecond\n"


def test_unique_upload_creates_a_new_file(ftp, remote):
    # AT+FTPPUTOPT="STOU": the server picks a name that does not exist yet
    remote.seed("up.bin", b"keep me")
    ftp.put(remote.file("up.bin"), b"unique", mode="unique")
    names = remote.names()
    assert remote.read("up.bin") == b"keep me"
    new = [name for name in names if name != "up.bin"]
    assert len(new) == 1 and remote.read(new[0]) == b"unique"


@pytest.mark.parametrize("size", [1, 1024, 320 * 1024])
def test_extended_put_up_to_the_ram_size(ftp, remote, size):
    # AT+FTPEXTPUT=1, AT+FTPEXTPUT=2,<pos>,<len>,<ms> loads the RAM, AT+FTPPUT=1 uploads it
    data = payload(size, seed=4)
    ftp.put_extended(remote.file("x.bin"), data)
    assert remote.read("x.bin") == data


@pytest.mark.parametrize("size", [0, 1, 4096, 64 * 1024])
def test_transparent_put_escapes_dle_and_etx(ftp, remote, size):
    # AT+FTPETPUT=1, AT+FTPETPUT=2, the escaped file, a bare ETX
    data = payload(size, seed=6)
    ftp.put_transparent(remote.file("t.bin"), data)
    assert remote.read("t.bin") == data
