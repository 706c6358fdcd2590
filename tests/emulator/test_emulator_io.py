"""The I/O shell end to end: pyserial on the pty or on TCP, the loop, the embedded FTP server.

The module starts writing its boot URCs as soon as it starts, and a host may open
the port before or after they are out (pyserial flushes what was waiting). So the
first answer on a fresh port is checked as "a tail of the boot URCs, then the
exact answer"; every later answer is checked exactly.
"""

import fcntl
import ftplib
import io
import os
import socket
import struct
import tempfile
import termios
import time

import pytest
import serial

from emulator.emulator import Emulator
from emulator.profile import ModuleProfile

from .hosts import BOOT_URCS, OK, CoreHost, read_until

AT_OK = b"AT\r" + OK


def first_answer(port, line: bytes, answer: bytes) -> None:
    """Send `line`; what comes back is a tail of the boot URCs, then exactly `answer`."""
    port.write(line)
    received = read_until(port, answer)
    assert received.endswith(answer)
    assert BOOT_URCS.endswith(received[: -len(answer)]), received


def exchange(port, line: bytes, answer: bytes) -> None:
    port.write(line)
    assert read_until(port, answer) == answer


@pytest.fixture
def emu():
    with Emulator(ftp_server=False) as emu:
        yield emu


# -- the pty ------------------------------------------------------------------------------


def test_pyserial_opens_the_pty_and_gets_ok(emu):
    # > AT
    # < AT<CR> / OK
    with serial.Serial(emu.port, 115200, timeout=0.05) as port:
        first_answer(port, b"AT\r", AT_OK)
        exchange(port, b"ATI\r", b"ATI\r\r\nR1951.07\r\n" + OK)


def test_the_port_can_be_closed_and_reopened(emu):
    # the module keeps running (and remembers ATE0) while no host has the port open
    with serial.Serial(emu.port, 115200, timeout=0.05) as port:
        first_answer(port, b"ATE0\r", b"ATE0\r" + OK)
    for _ in range(3):
        with serial.Serial(emu.port, 115200, timeout=0.05) as port:
            exchange(port, b"AT\r", OK)


def test_a_stable_link_to_the_pty(tmp_path):
    link = str(tmp_path / "sim7080")
    with Emulator(link=link, ftp_server=False) as emu:
        assert emu.port == link
        assert os.path.realpath(link) == emu.transport.device
        with serial.Serial(link, 115200, timeout=0.05) as port:
            first_answer(port, b"AT\r", AT_OK)
    assert not os.path.lexists(link)


def test_a_stale_link_is_replaced(tmp_path):
    link = tmp_path / "sim7080"
    link.symlink_to(tmp_path / "gone")
    with Emulator(link=str(link), ftp_server=False) as emu:
        assert os.path.realpath(link) == emu.transport.device


def test_bytes_split_by_the_host_are_one_line(emu):
    # > A, T, <CR> in three writes      < AT<CR> / OK
    with serial.Serial(emu.port, 115200, timeout=0.05) as port:
        first_answer(port, b"ATE0\r", b"ATE0\r" + OK)
        for byte in b"AT+CGMI\r":
            port.write(bytes([byte]))
            port.flush()
        assert read_until(port) == b"\r\nSIMCOM_Ltd\r\n" + OK


def test_reset_boots_again(emu):
    # Emulator.reset(): back to power-on values, with the boot URCs
    with serial.Serial(emu.port, 115200, timeout=0.05) as port:
        first_answer(port, b"ATE0\r", b"ATE0\r" + OK)
        emu.reset()
        assert read_until(port, b"SMS Ready\r\n") == BOOT_URCS
        exchange(port, b"AT\r", AT_OK)


# -- TCP ------------------------------------------------------------------------------------


def test_the_module_over_tcp_with_a_pyserial_url():
    with Emulator(tcp=("127.0.0.1", 0), ftp_server=False) as emu:
        assert emu.port.startswith("socket://127.0.0.1:")
        port = serial.serial_for_url(emu.port, timeout=0.05)
        try:
            first_answer(port, b"AT\r", AT_OK)
            exchange(port, b"AT+CGMM\r", b"AT+CGMM\r\r\nSIMCOM_SIM7080\r\n" + OK)
        finally:
            port.close()


def test_tcp_hosts_may_reconnect_at_once_again_and_again():
    # each host closes and the next connects straight away: every one gets its answer
    with Emulator(tcp=("127.0.0.1", 0), ftp_server=False) as emu:
        address = (emu.transport.host, emu.transport.tcp_port)
        for attempt in range(60):
            with socket.create_connection(address, timeout=2.0) as host:
                host.sendall(b"AT\r")
                received = b""
                while not received.endswith(OK):
                    chunk = host.recv(4096)
                    assert chunk, f"connection {attempt} closed after {received!r}"
                    received += chunk
                assert received.endswith(AT_OK), (attempt, received)


def test_a_new_tcp_host_replaces_the_old_one():
    # like a serial line, one peer at a time: the newcomer wins, the old one is hung up
    with Emulator(tcp=("127.0.0.1", 0), ftp_server=False) as emu:
        address = (emu.transport.host, emu.transport.tcp_port)
        with socket.create_connection(address, timeout=2.0) as old:
            old.sendall(b"ATE0\r")
            received = b""
            while not received.endswith(OK):
                received += old.recv(4096)
            with socket.create_connection(address, timeout=2.0) as new:
                new.sendall(b"AT\r")
                assert new.recv(4096) == OK  # state kept: echo is still off
                assert old.recv(4096) == b""


# -- the embedded FTP server -------------------------------------------------------------------------


def test_the_embedded_ftp_server_is_real():
    with Emulator() as emu:
        ftp = emu.ftp
        assert ftp.host == "127.0.0.1" and ftp.port > 0 and ftp.user and ftp.password
        with ftplib.FTP() as client:
            client.connect(ftp.host, ftp.port, timeout=5)
            client.login(ftp.user, ftp.password)
            payload = bytes(range(256)) * 40
            client.storbinary("STOR probe.bin", io.BytesIO(payload))
            got = bytearray()
            client.retrbinary("RETR probe.bin", got.extend)
            assert bytes(got) == payload
            assert client.nlst() == ["probe.bin"]
        assert (ftp.root / "probe.bin").read_bytes() == payload
    assert not ftp.root.exists()  # a temporary root goes with the emulator
    with pytest.raises(OSError):
        socket.create_connection((ftp.host, ftp.port), timeout=1).close()


def test_ftp_server_settings_are_taken(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    (tmp_path / "seed.txt").write_bytes(b"seeded")
    with Emulator(ftp_root=tmp_path, ftp_port=free_port, ftp_user="alice", ftp_password="s3cret") as emu:
        assert (emu.ftp.port, emu.ftp.user, emu.ftp.password, emu.ftp.root) == (
            free_port, "alice", "s3cret", tmp_path,
        )  # fmt: skip
        with ftplib.FTP() as client:
            client.connect("127.0.0.1", free_port, timeout=5)
            with pytest.raises(ftplib.error_perm):
                client.login("alice", "wrong")
            client.login("alice", "s3cret")
            got = bytearray()
            client.retrbinary("RETR seed.txt", got.extend)
            assert got == b"seeded"
    assert (tmp_path / "seed.txt").exists()  # a root the user gave is left in place


def test_no_ftp_server_when_asked(emu):
    assert emu.ftp is None


# -- timing through the loop ----------------------------------------------------------------------------


def test_realistic_pacing_delivers_everything_in_order():
    # > ATI, AT+CGMR, ... 25 commands in one write, at 115200 baud with per-command delays
    # < every echo and answer, complete, in the order the sans-I/O core gives them
    profile = ModuleProfile.load("realistic").merged({"timings": {"boot": 0.0, "boot_step": 0.0}})
    batch = b"AT+CNACT?\r" + b"".join(
        [b"ATI\r", b"AT+CGMR\r", b"AT+IPR=?\r", b"AT+CGSN\r", b"AT+CNCFG?\r", b"AT+COPS=?\r"] * 4
    )
    model = CoreHost(profile)
    expected = model.send(batch)
    assert expected.count(OK) == 25 and len(expected) > 1500
    with Emulator(profile, ftp_server=False) as emu, serial.Serial(emu.port, 115200, timeout=0.05) as port:
        first_answer(port, batch, expected)


def test_a_urc_never_lands_inside_a_delayed_response():
    # > AT+CNACT=0,1 and AT+CGMI in one write; CGMI's answer is held 0.3 s, the
    #   activation completes after 0.1 s, in the middle of that wait
    # < AT+CNACT=0,1 / OK / AT+CGMI / SIMCOM_Ltd / OK, and only then +APP PDP: 0,ACTIVE
    profile = ModuleProfile().merged({"timings": {"pdp_activation": 0.1, "command_delays": {"+CGMI": 0.3}}})
    expected = b"AT+CNACT=0,1\r" + OK + b"AT+CGMI\r\r\nSIMCOM_Ltd\r\n" + OK + b"\r\n+APP PDP: 0,ACTIVE\r\n"
    with Emulator(profile, ftp_server=False) as emu, serial.Serial(emu.port, 115200, timeout=0.05) as port:
        first_answer(port, b"AT+CNACT=0,1\rAT+CGMI\r", expected)


def test_power_down_silences_the_port(emu):
    # > AT+CPOWD=1    < NORMAL POWER DOWN
    # > AT            (nothing, until the emulator is reset)
    with serial.Serial(emu.port, 115200, timeout=0.05) as port:
        first_answer(port, b"ATE0\r", b"ATE0\r" + OK)
        exchange(port, b"AT+CPOWD=1\r", b"\r\nNORMAL POWER DOWN\r\n")
        port.write(b"AT\r")
        wait_until_module_has_read(emu)
        assert emu.call(lambda core: core.powered) is False
        emu.reset()  # an answer to that AT would come before the new boot URCs
        assert read_until(port, b"SMS Ready\r\n") == BOOT_URCS


def wait_until_module_has_read(emu, timeout: float = 5.0) -> None:
    """Until the loop has taken every byte the host wrote to the pty (FIONREAD on its end)."""
    deadline = time.monotonic() + timeout
    while struct.unpack("i", fcntl.ioctl(emu.transport.fileno(), termios.FIONREAD, b"\0" * 4))[0]:
        assert time.monotonic() < deadline, "the module never read the bytes"
        time.sleep(0.001)


# -- refusals ---------------------------------------------------------------------------------------------


def test_a_link_path_that_is_not_a_symlink_is_refused_and_left_alone(tmp_path):
    # --link pointing at a user's file must not delete it
    precious = tmp_path / "notes.txt"
    precious.write_text("keep me")
    fds = len(os.listdir("/proc/self/fd"))
    with pytest.raises(FileExistsError):
        Emulator(link=str(precious), ftp_server=False).start()
    assert precious.read_text() == "keep me"
    assert len(os.listdir("/proc/self/fd")) == fds


def test_closing_leaves_alone_a_link_another_emulator_took_over(tmp_path):
    link = str(tmp_path / "sim7080")
    first = Emulator(link=link, ftp_server=False).start()
    try:
        with Emulator(link=link, ftp_server=False) as second:
            first.close()
            assert os.path.realpath(link) == second.transport.device
            with serial.Serial(link, 115200, timeout=0.05) as port:
                first_answer(port, b"AT\r", AT_OK)
        assert not os.path.lexists(link)
    finally:
        first.close()


def test_a_busy_ftp_port_fails_cleanly(tmp_path, monkeypatch):
    # the server cannot bind: start() raises, and leaves no temporary root and no fd behind
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        fds = len(os.listdir("/proc/self/fd"))
        with pytest.raises(OSError):
            Emulator(ftp_port=busy.getsockname()[1]).start()
        assert len(os.listdir("/proc/self/fd")) == fds
    assert list(tmp_path.iterdir()) == []
