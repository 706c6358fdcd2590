"""A tiny real FTP control server that answers from a script and can hang up anywhere.

The embedded server's faults always answer something; a server that simply drops the
control connection (at once, or at a given command) needs its own socket. Only the
control connection is served: enough for the login steps a module goes through.
"""

from __future__ import annotations

import socketserver
import threading

HANG_UP = object()  # in a script: close the connection instead of answering
GREETING = None  # the script's key for the banner

DEFAULT_SCRIPT = {
    GREETING: "220 scripted",
    "USER": "331 password please",
    "PASS": "230 logged in",
    "TYPE": "200 type set",
    "QUIT": "221 bye",
}


class ScriptedFtpServer:
    """Answers each command verb as `script` says (DEFAULT_SCRIPT updated by `changes`);
    any other verb gets 502. `heard` lists the verbs received, across connections."""

    user = "scripted"
    password = "scripted"

    def __init__(self, **changes: object) -> None:
        self.script = dict(DEFAULT_SCRIPT)
        for verb, answer in changes.items():
            self.script[None if verb == "greeting" else verb.upper()] = answer
        self.heard: list[str] = []
        self.hung_up = threading.Event()
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                server._serve(self.rfile, self.wfile)

        self._tcp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._tcp.daemon_threads = True
        self.host, self.port = self._tcp.server_address
        # a short poll interval: shutdown() waits for it
        self._thread = threading.Thread(target=self._tcp.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> ScriptedFtpServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._tcp.shutdown()
        self._tcp.server_close()

    def _answer(self, wfile, key) -> bool:
        """Say the script's line for `key`; False once the connection is to be dropped."""
        answer = self.script.get(key, "502 not here")
        if answer is HANG_UP:
            self.hung_up.set()
            return False
        wfile.write(str(answer).encode() + b"\r\n")
        wfile.flush()
        return True

    def _serve(self, rfile, wfile) -> None:
        if not self._answer(wfile, GREETING):
            return  # StreamRequestHandler closes the socket on return
        for raw in rfile:
            verb = raw.decode("latin-1").strip().partition(" ")[0].upper()
            self.heard.append(verb)
            if not self._answer(wfile, verb) or verb == "QUIT":
                return
