"""The module core: the virtual SIM7080 as a sans-I/O state machine."""

from .module import ModuleCore

__all__ = ["ModuleCore"]
