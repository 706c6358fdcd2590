"""Per-session changes to the next FTP jobs (e.g. a slower connect), set by scripted faults."""

from __future__ import annotations


class JobOverrides:
    def __init__(self) -> None:
        self._rules: list[tuple[str, bool, dict]] = []  # (operation or "any", once, FtpJob fields)

    def add(self, operation: str, once: bool, **fields) -> None:
        self._rules.append((operation, once, fields))

    def take(self, operation: str) -> dict:
        """The fields to change for a session of `operation`; once-rules are used up."""
        fields: dict = {}
        for rule in list(self._rules):
            wanted, once, values = rule
            if wanted in (operation, "any"):
                fields.update(values)
                if once:
                    self._rules.remove(rule)
        return fields

    def clear(self) -> None:
        self._rules.clear()
