"""Handler tables: one per subsystem, keyed by command name.

Each Handler declares the forms it supports; the dispatcher answers `ERROR`
for any other form. A form is a callable `(module, command) -> reply`, or for
the test form a fixed line ("" for a bare `OK`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from ..command import Command, Form

HandlerFn = Callable[..., object]


@dataclass(frozen=True)
class Handler:
    name: str
    test: str | HandlerFn | None = None
    read: HandlerFn | None = None
    write: HandlerFn | None = None
    execute: HandlerFn | None = None
    basic: HandlerFn | None = None
    data_phase: bool = False  # may open a data phase, so it must end its line

    def form(self, command: Command):
        """The callable for the command's form, or None when that form is unsupported."""
        if command.form is Form.TEST:
            if isinstance(self.test, str):
                fixed = [self.test] if self.test else []
                return lambda module, command: fixed
            return self.test
        return {
            Form.READ: self.read,
            Form.WRITE: self.write,
            Form.EXECUTE: self.execute,
            Form.BASIC: self.basic,
        }[command.form]


def table(*handlers: Handler) -> dict[str, Handler]:
    result: dict[str, Handler] = {}
    for handler in handlers:
        if handler.name in result:
            raise ValueError(f"two handlers for {handler.name}")
        result[handler.name] = handler
    return result


def merge(*tables: dict[str, Handler]) -> dict[str, Handler]:
    result: dict[str, Handler] = {}
    for t in tables:
        overlap = result.keys() & t.keys()
        if overlap:
            raise ValueError(f"commands handled twice: {sorted(overlap)}")
        result.update(t)
    return result
