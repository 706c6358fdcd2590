"""When a scripted fault happens: now, at a module time, after N command lines, after N
payload bytes of a transfer, or when the next session of an operation opens.

Sans-I/O like the rest of the core: the module reports what happens (a command
line ran, bytes moved, a session opened) and due rules run their action on the
module's own thread. A rule is one-shot unless `once=False`, in which case it
re-arms with the same condition counted afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .module import ModuleCore

Action = Callable[["ModuleCore"], None]

OPERATIONS = ("get", "put", "list", "dele", "size", "mkd", "rmd", "rename", "mdtm",
              "extget", "extput", "etget", "etput")  # fmt: skip


@dataclass(frozen=True)
class When:
    """A point in the module's life. At most one of the fields is set; none means now."""

    after_seconds: float | None = None  # module seconds from now
    after_commands: int | None = None  # command lines from now (the n-th line's result goes out first)
    after_bytes: int | None = None  # payload bytes of transfers from now (both directions)
    on_session: str | None = None  # the next session of this operation ("any" for every kind)
    operation: str | None = None  # restricts after_bytes to one operation's transfers

    def __post_init__(self) -> None:
        points = [self.after_seconds, self.after_commands, self.after_bytes, self.on_session]
        if sum(point is not None for point in points) > 1:
            raise ValueError("a When names one point: after_seconds, after_commands, after_bytes or on_session")
        for name in ("on_session", "operation"):
            value = getattr(self, name)
            if value is not None and value not in (*OPERATIONS, "any"):
                raise ValueError(f"{name} must be one of {OPERATIONS} or 'any', not {value!r}")
        for name in ("after_seconds", "after_commands", "after_bytes"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")

    @classmethod
    def parse(cls, spec: When | dict | None) -> When:
        if spec is None:
            return cls()
        if isinstance(spec, When):
            return spec
        return cls(**spec)

    @property
    def immediate(self) -> bool:
        return self == When()


class _Rule:
    __slots__ = ("when", "action", "once", "count", "timer", "label")

    def __init__(self, when: When, action: Action, once: bool, label: str) -> None:
        self.when = when
        self.action = action
        self.once = once
        self.count = 0
        self.timer = None
        self.label = label


class Triggers:
    def __init__(self, module: ModuleCore) -> None:
        self.module = module
        self._rules: list[_Rule] = []
        self.fired: list[str] = []  # labels of the rules that ran, in order (diagnostics)

    def add(self, when: When | dict | None, action: Action, once: bool = True, label: str = "") -> None:
        rule = _Rule(When.parse(when), action, once, label or getattr(action, "__name__", "action"))
        if rule.when.immediate:
            self._run(rule)
            return
        self._rules.append(rule)
        self._arm(rule)

    def clear(self) -> None:
        for rule in self._rules:
            if rule.timer is not None:
                rule.timer.cancel()
        self._rules.clear()

    @property
    def pending(self) -> list[str]:
        return [rule.label for rule in self._rules]

    # -- what the module reports ------------------------------------------------------

    def command_done(self) -> None:
        self._count(lambda w: w.after_commands is not None, 1, lambda w: w.after_commands)

    def transferred(self, amount: int, operation: str) -> None:
        self._count(
            lambda w: w.after_bytes is not None and w.operation in (None, operation),
            amount,
            lambda w: w.after_bytes,
        )

    def session_opening(self, operation: str) -> None:
        self._count(lambda w: w.on_session in (operation, "any"), 1, lambda w: 1)

    # -- inside ------------------------------------------------------------------------

    def _count(self, applies, amount: int, limit) -> None:
        due = []
        for rule in self._rules:
            if applies(rule.when):
                rule.count += amount
                if rule.count >= limit(rule.when):
                    due.append(rule)
        for rule in due:
            self._fire(rule)

    def _arm(self, rule: _Rule) -> None:
        rule.count = 0
        if rule.when.after_seconds is not None:
            module = self.module
            rule.timer = module.script_timers.call_at(module.now + rule.when.after_seconds, lambda: self._fire(rule))

    def _fire(self, rule: _Rule) -> None:
        if rule not in self._rules:
            return
        if rule.once:
            self._rules.remove(rule)
        else:
            self._arm(rule)
        self._run(rule)

    def _run(self, rule: _Rule) -> None:
        self.fired.append(rule.label)
        rule.action(self.module)
