"""What the suite runs against, and whether it still answers."""

from __future__ import annotations

from dataclasses import dataclass, field

EMULATOR_CONTROL = "emulator-control"  # faults, time scale, reboot on demand: the emulator only


@dataclass
class Target:
    kind: str  # "emulator" or "hardware"
    port: str
    revision: str = ""
    model: str = ""
    imei: str = ""
    capabilities: frozenset[str] = field(default_factory=frozenset)
    broken: str | None = None  # why the remaining tests are skipped, once the module stopped answering

    @property
    def is_emulator(self) -> bool:
        return self.kind == "emulator"

    def describe(self) -> str:
        return f"{self.kind} {self.model} {self.revision} on {self.port}".replace("  ", " ")
