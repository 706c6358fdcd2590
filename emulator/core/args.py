"""Typed access to command arguments, raising the module's errors."""

from collections.abc import Collection

from .command import Arg, Command
from .errors import SyntaxFailure, invalid_value


def arity(command: Command, minimum: int, maximum: int | None = None) -> tuple[Arg, ...]:
    """The arguments, after checking their count (a count mismatch is a syntax error)."""
    maximum = minimum if maximum is None else maximum
    if not minimum <= len(command.args) <= maximum:
        raise SyntaxFailure(f"{command.name} takes {minimum}..{maximum} arguments")
    return command.args


def integer(arg: Arg, low: int, high: int) -> int:
    """A decimal integer in [low, high]; quoted digits are accepted (`AT+FTPPORT="21"`)."""
    text = arg.text.strip()
    if not text.isascii() or not text.isdigit():
        raise SyntaxFailure(f"not a number: {arg.text!r}")
    if len(text.lstrip("0")) > 12:  # no value a module takes has more digits; keeps int() cheap
        raise invalid_value()
    value = int(text)
    if not low <= value <= high:
        raise invalid_value()
    return value


def choice(arg: Arg, allowed: Collection[int]) -> int:
    """An integer that must be one of `allowed`."""
    value = integer(arg, min(allowed), max(allowed))
    if value not in allowed:
        raise invalid_value()
    return value


def string(arg: Arg, max_length: int) -> str:
    """A string of at most `max_length` characters, quoted or not."""
    if len(arg.text) > max_length:
        raise invalid_value()
    return arg.text


def keyword(arg: Arg, allowed: Collection[str]) -> str:
    """One of a fixed set of strings (`"I"`, `"STOR"`), compared without case."""
    value = arg.text.upper()
    if value not in allowed:
        raise invalid_value()
    return value
