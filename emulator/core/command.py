"""One parsed AT command: its name, its form and its arguments."""

from dataclasses import dataclass
from enum import Enum


class Form(Enum):
    BASIC = "basic"  # ATE0, ATI, AT&C1: a letter (or &letter) and an optional number
    TEST = "test"  # AT+NAME=?
    READ = "read"  # AT+NAME?
    WRITE = "write"  # AT+NAME=<args>
    EXECUTE = "execute"  # AT+NAME


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument as written: its text without quotes, and whether it was quoted."""

    text: str
    quoted: bool = False

    @property
    def empty(self) -> bool:
        return not self.quoted and self.text == ""


@dataclass(frozen=True, slots=True)
class Command:
    name: str  # upper case: "+FTPGET", "E", "&C"
    form: Form
    args: tuple[Arg, ...] = ()
    text: str = ""  # as the host wrote it, without the leading AT

    @property
    def basic_value(self) -> str:
        """The digits after a basic command (`ATE0` -> "0"), "" when none."""
        return self.args[0].text if self.args else ""
