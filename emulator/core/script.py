"""Scripted behaviour of the module: replaced responses, injected bytes, delayed results.

Rules match a command by the start of its text as written after `AT`, without
regard to case: "+CSQ" matches `AT+CSQ` and `AT+CSQ=?`, "+FTPGET=2" matches
`AT+FTPGET=2,1460`; None matches any command. A rule is used once unless
`once=False`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

POINTS = ("before_echo", "after_echo", "after_result")


@dataclass
class ScriptedReply:
    """What a replaced command answers: information lines, then `result` (None: no final
    result at all, as a module that hangs), after `delay` module seconds."""

    lines: list[str] = field(default_factory=list)
    result: str | None = "OK"
    delay: float = 0.0


@dataclass
class _Rule:
    command: str | None
    once: bool
    payload: object

    def matches(self, text: str) -> bool:
        return self.command is None or text.upper().startswith(self.command.upper())


class Script:
    def __init__(self) -> None:
        self._replies: list[_Rule] = []
        self._injections: dict[str, list[_Rule]] = {point: [] for point in POINTS}
        self._result_delays: list[_Rule] = []

    @property
    def active(self) -> bool:
        return bool(self._replies or self._result_delays or any(self._injections.values()))

    def clear(self) -> None:
        self._replies.clear()
        self._result_delays.clear()
        for rules in self._injections.values():
            rules.clear()

    def respond(self, command: str, reply: ScriptedReply, once: bool = True) -> None:
        self._replies.append(_Rule(_strip_at(command), once, reply))

    def inject(self, data: bytes, point: str, command: str | None = None, once: bool = True) -> None:
        if point not in POINTS:
            raise ValueError(f"point must be one of {POINTS}, not {point!r}")
        self._injections[point].append(_Rule(_strip_at(command), once, data))

    def delay_result(self, seconds: float, command: str | None = None, once: bool = True) -> None:
        self._result_delays.append(_Rule(_strip_at(command), once, seconds))

    # -- asked by the module core -----------------------------------------------------

    def reply_for(self, text: str) -> ScriptedReply | None:
        return self._take(self._replies, text)

    def injected(self, point: str, text: str) -> bytes:
        """The bytes every rule at `point` that matches `text` injects (once-rules are used up)."""
        rules = self._injections[point]
        data = b""
        for rule in list(rules):
            if rule.matches(text):
                data += rule.payload
                if rule.once:
                    rules.remove(rule)
        return data

    def result_delay(self, text: str) -> float:
        return self._take(self._result_delays, text) or 0.0

    @staticmethod
    def _take(rules: list[_Rule], text: str):
        for rule in rules:
            if rule.matches(text):
                if rule.once:
                    rules.remove(rule)
                return rule.payload
        return None


def _strip_at(command: str | None) -> str | None:
    if command is None:
        return None
    return command[2:] if command[:2].upper() == "AT" else command
