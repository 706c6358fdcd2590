"""Subsystems of the module core that keep state beyond ModuleState (FTP sessions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .module import ModuleCore


class Services:
    def __init__(self, module: ModuleCore) -> None:
        self.module = module
        self._all: list = []

    def add(self, service) -> None:
        self._all.append(service)

    def reset(self) -> None:
        """Power loss or reboot: every service drops its state."""
        for service in self._all:
            service.reset()

    def bearer_down(self, context: int) -> None:
        """A PDP context went down: sessions using it end (with 61 for FTP)."""
        for service in self._all:
            service.on_bearer_down(context)

    def deliver(self, event: object) -> None:
        for service in self._all:
            if service.accepts(event):
                service.on_event(event)
                return
        raise TypeError(f"no service takes {type(event).__name__}")
