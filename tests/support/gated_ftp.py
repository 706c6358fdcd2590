"""A tiny real FTP server that pauses where a test says, until the test says go.

pyftpdlib sends a file as fast as the socket takes it; the application note's
"only 50 bytes are available now" exchange needs a server that stops after
50 bytes and resumes on cue. Just enough FTP for one RETR per connection.
"""

from __future__ import annotations

import socket
import socketserver
import threading


class GatedFtpServer:
    """RETR serves `parts` of one file, part i+1 only after gates[i].set(); STOR waits for store_gate."""

    user = "gate"
    password = "gate"

    def __init__(self, parts: list[bytes]) -> None:
        self.parts = parts
        self.gates = [threading.Event() for _ in parts[1:]]
        self.sent = threading.Event()  # the whole file went out
        self.store_gate = threading.Event()  # STOR is accepted (150) only once this is set
        self.received = bytearray()  # what STOR brought
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                server._serve(self.rfile, self.wfile)

        self._tcp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._tcp.daemon_threads = True
        self.host, self.port = self._tcp.server_address
        self._thread = threading.Thread(target=self._tcp.serve_forever, daemon=True)

    def __enter__(self) -> GatedFtpServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        for gate in self.gates:
            gate.set()
        self._tcp.shutdown()
        self._tcp.server_close()

    def _serve(self, rfile, wfile) -> None:
        def reply(text: str) -> None:
            wfile.write(text.encode() + b"\r\n")
            wfile.flush()

        reply("220 gated")
        listener = None
        for raw in rfile:
            verb, _, _ = raw.decode("latin-1").strip().partition(" ")
            verb = verb.upper()
            if verb == "USER":
                reply("331 password")
            elif verb == "PASS":
                reply("230 in")
            elif verb == "TYPE":
                reply("200 type")
            elif verb == "PASV":
                listener = socket.create_server(("127.0.0.1", 0))
                port = listener.getsockname()[1]
                reply(f"227 Entering Passive Mode (127,0,0,1,{port >> 8},{port & 255})")
            elif verb == "RETR" and listener is not None:
                reply("150 sending")
                data, _ = listener.accept()
                listener.close()
                with data:
                    for index, part in enumerate(self.parts):
                        if index:
                            self.gates[index - 1].wait(30)
                        data.sendall(part)
                self.sent.set()
                reply("226 done")
            elif verb == "STOR" and listener is not None:
                self.store_gate.wait(30)
                reply("150 send it")
                data, _ = listener.accept()
                listener.close()
                with data:
                    while chunk := data.recv(65536):
                        self.received += chunk
                reply("226 stored")
            elif verb == "QUIT":
                reply("221 bye")
                return
            else:
                reply("502 not here")
