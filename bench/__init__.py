"""Benchmarks: the emulator and the driver measured against the physical limits, side by side.

    python -m bench [--smoke] [--only KEY ...] [--output PATH]
    from bench.run import run; run(["at_rtt"], smoke=True, output=path)

Every figure is a ratio against a baseline measured in the same run (absolute
times on a shared machine drift): a minimal responder on a raw pty, ftplib on
the same server, or the line rate the protocol allows. A few figures are
absolute (start time, suite time, memory); their baseline is None.

Nothing is imported here: bench.memory_probe runs in a fresh process and
must not pay for the rest of the package.
"""
