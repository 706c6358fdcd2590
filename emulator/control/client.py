"""`sim7080-emulator control PATH <knob> [key=value ...]`: turn a knob of a running emulator.

    sim7080-emulator control /tmp/sim.ctl list
    sim7080-emulator control /tmp/sim.ctl status
    sim7080-emulator control /tmp/sim.ctl network.drop_bearer cid=0
    sim7080-emulator control /tmp/sim.ctl network.drop_bearer when.after_bytes=50000
    sim7080-emulator control /tmp/sim.ctl script.respond command=AT+CSQ 'lines=["+CSQ: 5,0"]'

Values are read as JSON when they parse (numbers, true/false, lists, tables), else
as text; `a.b=v` builds the table a = {b = v}.
"""

from __future__ import annotations

import json
import socket
import sys


def parse_assignments(pairs: list[str]) -> dict:
    args: dict = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"expected key=value, got {pair!r}")
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = text
        target = args
        *parents, leaf = key.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = value
    return args


def request(path: str, message: dict, timeout: float = 10.0) -> dict:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        conn.connect(path)
        conn.sendall(json.dumps(message).encode() + b"\n")
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = conn.recv(65536)
            if not chunk:
                break
            reply += chunk
    return json.loads(reply)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path, what, *rest = argv
    try:
        return _run(path, what, rest)
    except OSError as exc:
        print(f"error: no emulator answers on {path}: {exc}", file=sys.stderr)
        return 1


def _run(path: str, what: str, rest: list[str]) -> int:
    if what == "list":
        reply = request(path, {"list": True})
        if reply.get("ok"):
            for name, signature, doc in reply["knobs"]:
                print(f"{name}{signature}\n    {doc}")
            return 0
    elif what == "status":
        reply = request(path, {"status": True})
        if reply.get("ok"):
            print(json.dumps(reply["status"], indent=2))
            return 0
    else:
        try:
            args = parse_assignments(rest)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        reply = request(path, {"knob": what, "args": args})
        if reply.get("ok"):
            if reply.get("result") is not None:
                print(reply["result"])
            return 0
    print(f"error: {reply.get('error')}", file=sys.stderr)
    return 1
