"""What the module core hands to its shell: bytes to write and actions to perform."""

from dataclasses import dataclass, field


@dataclass(slots=True)
class Send:
    """Bytes for the host. `delay` (module seconds) holds them back; `then` runs once written."""

    data: bytes | memoryview
    delay: float = 0.0
    then: object = None


@dataclass(slots=True)
class PowerChanged:
    """The module switched off (True: on again); the shell drops or resumes its output."""

    powered: bool


@dataclass(slots=True)
class Outbox:
    items: list = field(default_factory=list)

    def send(self, data: bytes | memoryview, delay: float = 0.0, then: object = None) -> None:
        if data or then is not None:
            self.items.append(Send(data, delay, then))

    def act(self, action: object) -> None:
        self.items.append(action)

    def take(self) -> list:
        items, self.items = self.items, []
        return items
