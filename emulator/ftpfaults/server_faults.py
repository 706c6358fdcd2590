"""ServerFaults: the misbehaviour one embedded FTP server shows, set from test threads.

Tests call the knobs from their own threads while the server's ioloop thread serves; the
server side only asks (take, find_data_cut, fire, bytes_per_second). One lock guards it all,
and no server-side call blocks on anything but that lock.
"""

from __future__ import annotations

import math
import threading

from .rules import GREETING, Answer, DataCut, Rule, Stall, reply_line


def _command_name(command: str | None) -> str | None:
    if command is GREETING:
        return GREETING
    name = command.strip().upper()
    if not name or any(c.isspace() for c in name):
        raise ValueError(f"name the command only, like 'RETR', not {command!r}")
    return name


def _check_code(code: int) -> None:
    if isinstance(code, bool) or not isinstance(code, int) or not 100 <= code <= 599:
        raise ValueError(f"an FTP reply code is 100 to 599, not {code!r}")


def _where(command: str | None) -> str:
    return "greeting" if command is GREETING else command


class ServerFaults:
    """Misbehaviour of one embedded FTP server; methods are thread-safe.

    Each rule is standing unless once=True (then it fires on the next matching occasion
    only). When several rules match, the newest wins, so a once-rule set over a standing
    one fires first. Rules apply to every control connection of the server, including
    those already open. clear() removes every rule.
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._rules: list[Rule] = []  # oldest first
        self._bytes_per_second: int | None = None
        self._fired: list[str] = []

    def __repr__(self) -> str:
        with self._lock:
            rules = ", ".join(r.label + (" (once)" if r.once else "") for r in self._rules)
            rate = self._bytes_per_second
        return f"<ServerFaults rules=[{rules}] throttle={rate}>"

    # --- knobs (any thread)

    def refuse_login(self, once: bool = False) -> None:
        """Answer PASS with 530 (module error 72); USER is still accepted with 331."""
        self._add(Answer("PASS", b"530 Login incorrect.\r\n", False, once, "refuse_login"))

    def reply(
        self, command: str | None, code: int, text: str | None = None, once: bool = False
    ) -> None:
        """Answer `code text` instead of running `command` (None: instead of the greeting).

        RFC 959's text for `code` when `text` is None. A 421 also closes the control
        connection, as the code announces. Examples: reply("RETR", 550), reply("TYPE", 504),
        reply("PASV", 421), reply("PASV", 227, "no address here") for an unparsable reply.
        """
        _check_code(code)
        if text is not None and ("\r" in text or "\n" in text):
            raise ValueError("one reply line only; garbage() sends arbitrary bytes")
        name = _command_name(command)
        data = (reply_line(code, text) + "\r\n").encode()
        self._add(Answer(name, data, code == 421, once, f"reply {_where(name)} {code}"))

    def garbage(
        self, command: str | None = None, once: bool = False, data: bytes = b"hello\r\n"
    ) -> None:
        """Answer `data`, bytes no FTP client can parse, instead of running `command`
        (None: instead of the greeting). The default has no reply code at all."""
        name = _command_name(command)
        self._add(Answer(name, bytes(data), False, once, f"garbage {_where(name)}"))

    def cut_data(self, after_bytes: int, once: bool = False, reply: int | None = 426) -> None:
        """Close the data connection after `after_bytes` payload bytes of a transfer that
        has more (RETR, LIST, NLST, MLSD, STOR, APPE, STOU), without the 226.

        The control connection then hears `reply` (426 by default, as a server that lost
        its data connection says) or nothing at all when reply is None. Downloads end
        with FIN after exactly `after_bytes`; uploads are reset, the server having stored
        exactly `after_bytes`.
        """
        if isinstance(after_bytes, bool) or not isinstance(after_bytes, int) or after_bytes < 0:
            raise ValueError(f"after_bytes is a byte count, not {after_bytes!r}")
        if reply is not None:
            _check_code(reply)
        line = None if reply is None else reply_line(reply)
        self._add(DataCut(after_bytes, line, once, f"cut_data after {after_bytes} bytes"))

    def stall(self, seconds: float, command: str | None = None, once: bool = False) -> None:
        """Accept, then say nothing for `seconds` before the greeting (command None) or
        before handling `command`; then carry on (other rules for it still apply).

        The server's other connections keep being served meanwhile; lines the client sends
        during the stall are handled afterwards, in order.
        """
        if not (isinstance(seconds, int | float) and math.isfinite(seconds) and seconds >= 0):
            raise ValueError(f"seconds is a finite duration, not {seconds!r}")
        name = _command_name(command)
        self._add(Stall(name, float(seconds), once, f"stall {_where(name)} {seconds:g}s"))

    def throttle(self, bytes_per_second: float | None) -> None:
        """Limit each data connection opened from now on to this rate, both directions
        (pyftpdlib's ThrottledDTPHandler). None removes the limit.

        The rate holds on average, not per chunk: pyftpdlib lets about two seconds' worth
        through at once, then pauses about two seconds.
        """
        if bytes_per_second is not None:
            if not (math.isfinite(bytes_per_second) and bytes_per_second >= 1):
                raise ValueError(f"a rate is at least 1 byte/s, not {bytes_per_second!r}")
            bytes_per_second = round(bytes_per_second)
        with self._lock:
            self._bytes_per_second = bytes_per_second

    def clear(self) -> None:
        """Remove every rule and the throttle; fired() keeps its history."""
        with self._lock:
            self._rules.clear()
            self._bytes_per_second = None

    def fired(self) -> list[str]:
        """What fired so far, in order: ["reply RETR 550", "cut_data after 10 bytes (RETR)"]."""
        with self._lock:
            return list(self._fired)

    def wait_fired(self, count: int = 1, timeout: float = 5.0) -> bool:
        """Wait until at least `count` firings happened; False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: len(self._fired) >= count, timeout)

    # --- server side (the server's ioloop thread)

    def take(
        self, kind: type[Answer] | type[Stall], command: str | None
    ) -> Answer | Stall | None:
        """The newest rule of `kind` for `command`, fired (consumed if once); None if none."""
        with self._lock:
            for rule in reversed(self._rules):
                if isinstance(rule, kind) and rule.command == command:
                    self._fire_locked(rule, rule.label)
                    return rule
        return None

    def find_data_cut(self) -> DataCut | None:
        """The newest data cut, not spent: a transfer arms it, and fires it if it gets there."""
        with self._lock:
            for rule in reversed(self._rules):
                if isinstance(rule, DataCut):
                    return rule
        return None

    def fire(self, rule: Rule, label: str) -> bool:
        """Fire `rule` if it still stands (not cleared, no once-rule spent); record `label`."""
        with self._lock:
            if not any(r is rule for r in self._rules):
                return False
            self._fire_locked(rule, label)
            return True

    def bytes_per_second(self) -> int | None:
        with self._lock:
            return self._bytes_per_second

    def record(self, label: str) -> None:
        with self._lock:
            self._record_locked(label)

    # --- internals

    def _add(self, rule: Rule) -> None:
        with self._lock:
            self._rules.append(rule)

    def _fire_locked(self, rule: Rule, label: str) -> None:
        if rule.once:
            self._rules = [r for r in self._rules if r is not rule]
        self._record_locked(label)

    def _record_locked(self, label: str) -> None:
        self._fired.append(label)
        self._lock.notify_all()
