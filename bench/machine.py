"""The machine a run came from: figures mean little without it."""

from __future__ import annotations

import datetime
import os
import platform


def describe() -> dict:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "load_average": load_average(),  # other work on a shared machine moves every figure
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
