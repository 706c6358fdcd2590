"""Response: what a command got back, and the helpers to read its fields."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ProtocolError
from .events import UploadPrompt


@dataclass(frozen=True)
class Response:
    command: str
    lines: tuple[str, ...] = ()  # information lines, without their CR LF
    data: bytes = b""  # the payload of the data blocks, joined
    prompt: UploadPrompt | None = None  # the upload prompt, for upload commands
    blocks: int = 0  # how many data blocks the answer held

    def line(self, tag: str) -> str:
        """The first information line starting with `tag` (ProtocolError if none)."""
        for line in self.lines:
            if line.startswith(tag):
                return line
        raise ProtocolError(f"{self.command}: no line starting with {tag!r} in {self.lines!r}")

    def fields(self, tag: str) -> list[str]:
        """The comma-separated values after `tag` on its line, quotes removed:
        `+CNACT: 0,1,"10.94.36.44"` with tag `+CNACT:` gives ['0', '1', '10.94.36.44']."""
        return split_fields(self.line(tag)[len(tag) :])


def split_fields(text: str) -> list[str]:
    """Split at commas outside double quotes; strip spaces and the quotes."""
    fields, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            fields.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    fields.append("".join(current).strip())
    return fields
