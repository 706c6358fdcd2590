"""The metrics, in the order they run and print."""

from . import at_rtt, concurrent, emulator_start, etget, ftp_engine, ftpget, memory, paced_goodput, suite

MODULES = (at_rtt, ftpget, etget, ftp_engine, paced_goodput, emulator_start, concurrent, suite, memory)
KEYS = tuple(module.KEY for module in MODULES)
BY_KEY = {module.KEY: module for module in MODULES}
