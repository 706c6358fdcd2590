"""The emulator alone in a fresh process, reporting its own resident memory on request.

`python -m bench.memory_probe` starts an Emulator (fast profile, embedded FTP
server), prints one JSON line (its port, its FTP endpoint and the memory
figures so far), then answers lines on stdin:

    mark    -> reset the peak (VmHWM) to the present, print the figures
    report  -> print the figures
    quit    -> stop

The host that drives it runs in another process, so none of the driver's or
the host's memory is counted.
"""

from __future__ import annotations

import gc
import json
import sys


def figures() -> dict:
    """VmRSS and VmHWM (peak) of this process, in bytes, from /proc/self/status."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) * 1024
    return values


def reset_peak() -> bool:
    """VmHWM back to VmRSS (Linux: writing 5 to clear_refs); False if not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def main() -> None:
    before_import = figures()["VmRSS"]
    from emulator.emulator import Emulator  # after the first figure: its imports are part of the cost

    with Emulator() as emulator:
        gc.collect()
        e = emulator.ftp
        started = {
            "port": emulator.port,
            "ftp": {
                "host": e.host, "port": e.port, "user": e.user, "password": e.password, "root": str(e.root)
            },
            "interpreter": before_import,
            **figures(),
        }
        _say(started)
        for line in sys.stdin:
            command = line.strip()
            if command == "mark":
                _say({"peak_reset": reset_peak(), **figures()})
            elif command == "report":
                _say(figures())
            elif command == "quit":
                break


def _say(document: dict) -> None:
    sys.stdout.write(json.dumps(document) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
