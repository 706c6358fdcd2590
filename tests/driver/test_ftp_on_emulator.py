"""Every FtpClient call against the emulator and its real FTP server: payloads of every
byte value and the sizes around the module's buffer limits, and each error family."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from driver import (
    FtpAuthenticationError,
    FtpConnectionError,
    FtpFileError,
    FtpNotAllowedError,
    FtpQuitError,
    FtpRemoteError,
    FtpSettings,
    FtpTimeoutError,
    FtpTransferError,
    Modem,
)
from emulator.emulator import Emulator

SIZES = [0, 1, 1459, 1460, 1461, 1024 * 1024]
EXTENDED_SIZES = [0, 1, 1459, 1460, 1461, 300 * 1024]


def payload(size: int) -> bytes:
    """Every byte value, in an order that is not a plain cycle."""
    pattern = bytes((i * 7 + 3) % 256 for i in range(256)) + b"\r\nOK\r\n\x03\x10+FTPGET: 1,0\r\n"
    return (pattern * (size // len(pattern) + 1))[:size]


@pytest.fixture(scope="module")
def emu():
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def root(emu) -> Path:
    return Path(emu.ftp.root)


@pytest.fixture
def live(emu):
    emu.reset()
    modem = Modem.open(emu.port)
    yield modem
    leftovers = modem.channel.unconsumed()
    modem.close()
    assert leftovers == []


@pytest.fixture
def ftp(live, emu):
    live.activate_bearer(cid=0)
    e = emu.ftp
    return live.ftp(FtpSettings(host=e.host, port=e.port, user=e.user, password=e.password))


@pytest.fixture
def folder(root, request) -> str:
    """A fresh remote folder for this test (the server's root is shared by the module)."""
    name = request.node.name.replace("[", "-").replace("]", "")[:50]
    (root / name).mkdir()
    return f"/{name}"


# -- transfers ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_get(ftp, root, folder, size):
    data = payload(size)
    (root / folder[1:] / "f.bin").write_bytes(data)
    assert ftp.get(f"{folder}/f.bin") == data


@pytest.mark.parametrize("size", SIZES)
def test_put(ftp, root, folder, size):
    data = payload(size)
    assert ftp.put(f"{folder}/f.bin", data) == size
    assert (root / folder[1:] / "f.bin").read_bytes() == data


@pytest.mark.parametrize("size", EXTENDED_SIZES)
def test_extended_get_and_put(ftp, root, folder, size):
    data = payload(size)
    ftp.put_extended(f"{folder}/f.bin", data)
    assert (root / folder[1:] / "f.bin").read_bytes() == data
    assert ftp.get_extended(f"{folder}/f.bin") == data


@pytest.mark.parametrize("size", SIZES)
def test_transparent_get_and_put(ftp, root, folder, size):
    data = payload(size)
    assert ftp.put_transparent(f"{folder}/f.bin", data) == size
    assert (root / folder[1:] / "f.bin").read_bytes() == data
    assert ftp.get_transparent(f"{folder}/f.bin") == data


def test_get_with_offset_and_append(ftp, root, folder):
    ftp.put(f"{folder}/f.bin", b"0123456789")
    ftp.put(f"{folder}/f.bin", b"abc", mode="append")
    assert (root / folder[1:] / "f.bin").read_bytes() == b"0123456789abc"
    assert ftp.get(f"{folder}/f.bin", offset=7) == b"789abc"
    assert ftp.get(f"{folder}/f.bin") == b"0123456789abc"  # FTPREST went back to 0


def test_resume_after_the_server_cuts_the_download(ftp, emu, root, folder):
    data = payload(20000)
    (root / folder[1:] / "f.bin").write_bytes(data)
    emu.server.faults.cut_data(after_bytes=7000, once=True)
    progress = []
    assert ftp.get(f"{folder}/f.bin", resume=True, progress=progress.append) == data
    assert progress[-1] == len(data)


# -- single-shot operations ---------------------------------------------------------------


def test_size_mdtm_rename_delete(ftp, root, folder):
    (root / folder[1:] / "a.bin").write_bytes(payload(1234))
    assert ftp.size(f"{folder}/a.bin") == 1234
    stamp = ftp.mdtm(f"{folder}/a.bin")
    assert abs(stamp - datetime.now(UTC)) < timedelta(minutes=5)
    ftp.rename(f"{folder}/a.bin", f"{folder}/b.bin")
    assert sorted(p.name for p in (root / folder[1:]).iterdir()) == ["b.bin"]
    ftp.delete(f"{folder}/b.bin")
    assert list((root / folder[1:]).iterdir()) == []


def test_mkdir_list_rmdir(ftp, root, folder):
    ftp.mkdir(f"{folder}/sub")
    assert (root / folder[1:] / "sub").is_dir()
    (root / folder[1:] / "sub" / "x.txt").write_bytes(b"hi")
    assert "x.txt" in ftp.list(f"{folder}/sub")
    assert "x.txt" in ftp.list(f"{folder}/sub/x.txt")
    (root / folder[1:] / "sub" / "x.txt").unlink()
    ftp.rmdir(f"{folder}/sub")
    assert not (root / folder[1:] / "sub").exists()


def test_busy_and_quit_while_idle(ftp):
    assert ftp.busy() is False
    assert ftp.quit() is False


# -- every error family --------------------------------------------------------------------


def test_missing_file_is_a_file_error(ftp, folder):
    with pytest.raises(FtpFileError) as caught:
        ftp.get(f"{folder}/none.bin")
    assert caught.value.code == 77


def test_refused_login_is_an_authentication_error(ftp, emu, folder):
    emu.server.faults.refuse_login()
    with pytest.raises(FtpAuthenticationError) as caught:
        ftp.size(f"{folder}/x")
    assert caught.value.code == 72


def test_no_bearer_is_a_connection_error(live, emu, folder):
    e = emu.ftp
    ftp = live.ftp(FtpSettings(host=e.host, port=e.port, user=e.user, password=e.password))
    with pytest.raises(FtpConnectionError) as caught:
        ftp.size(f"{folder}/x")
    assert caught.value.code == 61


def test_refused_type_is_a_remote_error(ftp, emu, folder):
    emu.server.faults.reply("TYPE", 504)
    with pytest.raises(FtpRemoteError) as caught:
        ftp.size(f"{folder}/x")
    assert caught.value.code == 73


def test_a_cut_download_is_a_transfer_error(ftp, emu, root, folder):
    (root / folder[1:] / "f.bin").write_bytes(payload(20000))
    emu.server.faults.cut_data(after_bytes=3000)
    with pytest.raises(FtpTransferError) as caught:
        ftp.get(f"{folder}/f.bin")
    assert caught.value.code == 79
    assert caught.value.transferred <= 3000  # the module may drop what it buffered


def test_a_silent_server_is_a_timeout(live, emu, root, folder):
    # the module gives up after its 75 s server timeout; scaled to 75 ms here
    emu.time_scale = 0.001
    emu.server.faults.stall(5.0, "SIZE")
    e = emu.ftp
    live.activate_bearer(cid=0)
    ftp = live.ftp(FtpSettings(host=e.host, port=e.port, user=e.user, password=e.password))
    with pytest.raises(FtpTimeoutError) as caught:
        ftp.size(f"{folder}/x")
    assert caught.value.code == 64


def test_a_second_session_is_not_allowed(ftp, live, emu, root, folder):
    # a session opened by hand (AT+FTPGET=1) and stalled; the next operation is refused with 66
    (root / folder[1:] / "f.bin").write_bytes(b"x")
    ftp.size(f"{folder}/f.bin")  # sets the parameters
    emu.server.faults.stall(3.0, "RETR", once=True)
    with live.channel.subscribe("+FTPGET: 1,") as by_hand:
        live.command("AT+FTPGET=1")
        with pytest.raises(FtpNotAllowedError) as caught:
            ftp.size(f"{folder}/f.bin")
        assert caught.value.code == 66
        live.command("AT+FTPQUIT")
        while by_hand.wait(10).text != "+FTPGET: 1,80":
            pass


def test_quit_ends_a_running_download(ftp, emu, root, folder):
    (root / folder[1:] / "f.bin").write_bytes(payload(200000))
    emu.server.faults.throttle(20000)
    quitted = []

    def quit_once(received: int) -> None:
        if not quitted:
            other = threading.Thread(target=lambda: quitted.append(ftp.quit()))
            other.start()
            other.join(10)

    with pytest.raises(FtpQuitError) as caught:
        ftp.get(f"{folder}/f.bin", progress=quit_once)
    assert quitted == [True] and caught.value.code == 80


def test_two_threads_one_modem(ftp, root, folder):
    # each thread's sessions run whole: one never sees the other's data or URCs
    for name in ("a", "b"):
        (root / folder[1:] / f"{name}.bin").write_bytes(payload(50000) + name.encode() * 100)
    results, errors = {}, []

    def worker(name: str) -> None:
        try:
            for _ in range(3):
                results[name] = ftp.get(f"{folder}/{name}.bin")
                ftp.put(f"{folder}/{name}-copy.bin", results[name])
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    for name in ("a", "b"):
        expected = payload(50000) + name.encode() * 100
        assert results[name] == expected
        assert (root / folder[1:] / f"{name}-copy.bin").read_bytes() == expected
