"""Parse the text of one command line (after `AT`) into commands.

V.25ter shapes the module accepts: basic commands back to back (`ATE0V1`),
extended commands in their four forms, several of them joined by `;`.
Strings may be quoted or not (DESIGN.md: unquoted strings accepted).
"""

from .command import Arg, Command, Form
from .errors import SyntaxFailure

_EXTENDED_START = "+*$#%^"
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def parse_line(body: str) -> list[Command]:
    """Parse `body`, the line without its `AT` prefix and its CR.

    Raises SyntaxFailure when any part is malformed; nothing is executed then.
    """
    commands: list[Command] = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch == " " or ch == ";":
            i += 1
        elif ch in _EXTENDED_START:
            command, i = _parse_extended(body, i)
            commands.append(command)
        elif ch.isalpha() or ch == "&":
            command, i = _parse_basic(body, i)
            commands.append(command)
        else:
            raise SyntaxFailure(f"unexpected {ch!r}")
    return commands


def _parse_basic(body: str, i: int) -> tuple[Command, int]:
    start = i
    if body[i] == "&":
        i += 1
        if i >= len(body) or not body[i].isalpha():
            raise SyntaxFailure("& without a letter")
    name = body[start : i + 1].upper()
    i += 1
    digits_start = i
    while i < len(body) and body[i].isdigit():
        i += 1
    value = body[digits_start:i]
    args = (Arg(value),) if value else ()
    return Command(name, Form.BASIC, args, body[start:i]), i


def _parse_extended(body: str, i: int) -> tuple[Command, int]:
    start = i
    i += 1
    while i < len(body) and body[i] in _NAME_CHARS:
        i += 1
    if i == start + 1:
        raise SyntaxFailure("extended command without a name")
    name = body[start:i].upper()
    rest = body[i:]
    if rest.startswith("=?"):
        form, i, args = Form.TEST, i + 2, ()
    elif rest.startswith("?"):
        form, i, args = Form.READ, i + 1, ()
    elif rest.startswith("="):
        args, i = _parse_args(body, i + 1)
        form = Form.WRITE
    else:
        form, args = Form.EXECUTE, ()
    # after the command: spaces, then end of line or `;`
    while i < len(body) and body[i] == " ":
        i += 1
    if i < len(body) and body[i] != ";":
        raise SyntaxFailure(f"junk after {name}: {body[i:]!r}")
    return Command(name, form, args, body[start:i]), i


def _parse_args(body: str, i: int) -> tuple[tuple[Arg, ...], int]:
    """Arguments up to an unquoted `;` or the end of the line."""
    args: list[Arg] = []
    n = len(body)
    while True:
        while i < n and body[i] == " ":
            i += 1
        if i < n and body[i] == '"':
            close = body.find('"', i + 1)
            if close < 0:
                raise SyntaxFailure("unterminated string")
            args.append(Arg(body[i + 1 : close], quoted=True))
            i = close + 1
            while i < n and body[i] == " ":
                i += 1
        else:
            start = i
            while i < n and body[i] not in ',;"':
                i += 1
            if i < n and body[i] == '"':
                raise SyntaxFailure("quote inside an unquoted argument")
            args.append(Arg(body[start:i].strip(" ")))
        if i < n and body[i] == ",":
            i += 1
            continue
        if i < n and body[i] != ";":
            raise SyntaxFailure(f"junk after a string: {body[i:]!r}")
        return tuple(args), i
