"""FTP configuration commands (reference section 3): ranges, length limits, quoted read-back.

A bad value leaves the old one in place. While a session runs, a new value is
accepted and applies to the next session (DESIGN.md), unless the profile's
quirk says such a module refuses it.
"""

from .. import args
from ..errors import state_violation
from . import Handler, table


def _guard(module) -> None:
    if module.ftp.busy and module.profile.quirks.config_during_session == "error":
        raise state_violation()


def _integer(name: str, field: str, low: int, high: int, test: str) -> Handler:
    def read(module, command):
        return [f"+{name}: {getattr(module.state.ftp, field)}"]

    def write(module, command):
        (value,) = args.arity(command, 1)
        number = args.integer(value, low, high)
        _guard(module)
        setattr(module.state.ftp, field, number)

    return Handler(f"+{name}", test=test, read=read, write=write)


def _keyword(name: str, field: str, allowed: tuple[str, ...], test: str) -> Handler:
    def read(module, command):
        return [f'+{name}: "{getattr(module.state.ftp, field)}"']

    def write(module, command):
        (value,) = args.arity(command, 1)
        word = args.keyword(value, allowed)
        _guard(module)
        setattr(module.state.ftp, field, word)

    return Handler(f"+{name}", test=test, read=read, write=write)


def _text(name: str, field: str, limit: str) -> Handler:
    """A string parameter; `limit` names its length limit in the profile's Limits."""

    def test(module, command):
        maximum = getattr(module.profile.limits, limit)
        # AT+FTPSERV=? shows a length range, the others the bare maximum (M105 15.2.7-13)
        return [f"+{name}: (0-{maximum})" if name == "FTPSERV" else f"+{name}: {maximum}"]

    def read(module, command):
        return [f'+{name}: "{getattr(module.state.ftp, field)}"']

    def write(module, command):
        (value,) = args.arity(command, 1)
        text = args.string(value, getattr(module.profile.limits, limit))
        _guard(module)
        setattr(module.state.ftp, field, text)

    return Handler(f"+{name}", test=test, read=read, write=write)


HANDLERS = table(
    _integer("FTPPORT", "port", 1, 65535, "+FTPPORT: (1-65535)"),
    _integer("FTPMODE", "mode", 0, 1, "+FTPMODE: (0,1)"),
    _keyword("FTPTYPE", "type", ("A", "I"), '+FTPTYPE: ("A","I")'),
    _keyword("FTPPUTOPT", "putopt", ("APPE", "STOU", "STOR"), '+FTPPUTOPT: ("APPE","STOU","STOR")'),
    _integer("FTPCID", "cid", 0, 3, "+FTPCID: (0-3)"),
    _integer("FTPREST", "rest", 0, 4294967295, "+FTPREST: (0-4294967295)"),
    _text("FTPSERV", "server", "server"),
    _text("FTPUN", "user", "user"),
    _text("FTPPW", "password", "password"),
    _text("FTPGETNAME", "get_name", "name"),
    _text("FTPGETPATH", "get_path", "path"),
    _text("FTPPUTNAME", "put_name", "name"),
    _text("FTPPUTPATH", "put_path", "path"),
)
