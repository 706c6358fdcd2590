"""The reader takes what a port has waiting in one call, also on socket:// (whose
in_waiting only says 0 or 1)."""

import os
import socket
import tty

import serial

from driver.port_reader import bulk_reader


def test_socket_port_reads_everything_waiting_at_once():
    listener = socket.create_server(("127.0.0.1", 0))
    port = serial.serial_for_url(f"socket://127.0.0.1:{listener.getsockname()[1]}")
    peer, _ = listener.accept()
    try:
        read = bulk_reader(port)
        assert read() == b""  # nothing yet: returns after its short wait
        peer.sendall(bytes(range(256)) * 40)
        got = read()
        assert len(got) > 1  # one byte per call would make a 1 MiB download take seconds
        while len(got) < 10240:
            got += read()
        assert got == bytes(range(256)) * 40
    finally:
        port.close()
        peer.close()
        listener.close()


def test_device_port_reads_everything_waiting_at_once():
    master, slave = os.openpty()
    tty.setraw(master)
    tty.setraw(slave)
    port = serial.serial_for_url(os.ttyname(slave))
    try:
        read = bulk_reader(port)
        assert read() == b""
        os.write(master, b"\r\nOK\r\n" * 100)
        got, calls = b"", 0
        while len(got) < 600:
            got += read()
            calls += 1
        assert got == b"\r\nOK\r\n" * 100
        # the first read after a quiet line may take one byte (in_waiting was 0); then bulk
        assert calls <= 10
    finally:
        port.close()
        os.close(master)
        os.close(slave)
