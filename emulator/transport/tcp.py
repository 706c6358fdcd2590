"""The module behind a listening TCP socket, for pyserial's `socket://HOST:PORT`.

Like a serial line, it has one peer at a time: a new connection replaces the
old one, and bytes written while nobody is connected are lost.
"""

import socket


class TcpTransport:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._listener = socket.create_server((host, port), reuse_port=False)
        self._listener.setblocking(False)
        self._client: socket.socket | None = None
        self.host, self.tcp_port = self._listener.getsockname()[:2]

    @property
    def port(self) -> str:
        return f"socket://{self.host}:{self.tcp_port}"

    def read_fds(self) -> list[int]:
        fds = [self._listener.fileno()]
        if self._client is not None:
            fds.append(self._client.fileno())
        return fds

    def on_readable(self, fd: int) -> bytes:
        if fd == self._listener.fileno():
            try:
                client, _ = self._listener.accept()
            except BlockingIOError:
                return b""
            self._drop_client()
            client.setblocking(False)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._client = client
            return b""
        if self._client is None or fd != self._client.fileno():
            return b""
        try:
            data = self._client.recv(65536)
        except BlockingIOError:
            return b""
        except OSError:
            data = b""
        if not data:
            self._drop_client()
        return data

    def write_fd(self) -> int | None:
        return self._client.fileno() if self._client is not None else None

    def write(self, data: memoryview) -> int:
        if self._client is None:
            return len(data)  # nobody on the line: the bytes are lost, as on a UART
        try:
            return self._client.send(data)
        except BlockingIOError:
            return 0
        except OSError:
            self._drop_client()
            return len(data)

    def _drop_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def close(self) -> None:
        self._drop_client()
        self._listener.close()
