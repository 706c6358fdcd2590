"""The emulator's control surface: named knobs at the layer each belongs to.

    emu.faults    FTP sessions: fail the next session with a code, delay the connect
    emu.server    (emu.faults.server) the embedded FTP server's own misbehaviour
    emu.network   bearer, signal, registration, attach
    emu.module    SIM, reboot, power
    emu.uart      pacing, split writes, inter-byte delay, noise, a dropped byte, late results
    emu.script    replaced responses, injected URCs
    emu.timing    profile timings and time_scale at run time

Every knob that makes something happen takes `when=` (now by default; see
emulator.core.triggers.When) and `once=`. Everything is undone by Emulator.reset().
"""

from .knobs import KNOB_GROUPS, call_knob, describe_knobs

__all__ = ["KNOB_GROUPS", "call_knob", "describe_knobs"]
