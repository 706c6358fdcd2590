"""The control socket of a running emulator: one JSON object per line, each way.

    > {"knob": "network.drop_bearer", "args": {"cid": 0, "when": {"after_bytes": 50000}}}
    < {"ok": true}
    > {"list": true}        < {"ok": true, "knobs": [[name, signature, doc], ...]}
    > {"status": true}      < {"ok": true, "status": {...}}
"""

from __future__ import annotations

import json
import os
import socketserver
import threading
from typing import TYPE_CHECKING

from .knobs import call_knob, describe_knobs

if TYPE_CHECKING:
    from ..emulator import Emulator


def handle_request(emulator: Emulator, request: dict) -> dict:
    try:
        if request.get("list"):
            return {"ok": True, "knobs": describe_knobs()}
        if request.get("status"):
            return {"ok": True, "status": emulator.status()}
        if "knob" in request:
            result = call_knob(emulator, request["knob"], request.get("args") or {})
            plain = isinstance(result, (int, float, str, bool, type(None)))
            return {"ok": True, "result": result if plain else str(result)}
        return {"ok": False, "error": "expected knob, list or status"}
    except (ValueError, TypeError, KeyError) as exc:
        return {"ok": False, "error": str(exc)}


class ControlServer:
    def __init__(self, emulator: Emulator, path: str) -> None:
        self.path = path
        if os.path.exists(path):
            os.unlink(path)  # a socket left by an emulator that did not stop cleanly

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                for raw in self.rfile:
                    try:
                        request = json.loads(raw)
                    except json.JSONDecodeError as exc:
                        reply = {"ok": False, "error": f"not JSON: {exc}"}
                    else:
                        reply = (handle_request(emulator, request) if isinstance(request, dict)
                                 else {"ok": False, "error": "expected a JSON object"})  # fmt: skip
                    self.wfile.write(json.dumps(reply).encode() + b"\n")
                    self.wfile.flush()

        self._server = socketserver.ThreadingUnixStreamServer(path, Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="sim7080-control", daemon=True)

    def start(self) -> ControlServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if os.path.exists(self.path):
            os.unlink(self.path)
