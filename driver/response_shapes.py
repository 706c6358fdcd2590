"""What the response to a command line looks like, so the parser can tell its lines from URCs.

The same bytes mean different things depending on the command in flight:
`+FTPEXTPUT: 0,1024` is the upload prompt of `AT+FTPEXTPUT=2,0,1024,…` but the
answer to `AT+FTPEXTPUT?`; `+FTPEXTGET: 1,0` is the download-finished URC unless
`AT+FTPEXTGET?` is in flight. A ResponseShape says which lines belong to the
command; everything else is a URC. `shape_for()` derives it from the command text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Headers of length-counted blocks from the module (reference section 6.1).
# None of them is ever a URC, so the parser counts their bytes whatever is in flight.
DATA_HEADERS = ("+FTPGET: 2,", "+FTPLIST: 2,", "+FTPEXTGET: 3,")

# Answered by bare text lines, no `+NAME:` tag (M105 3.2.1-3.2.4, 2.2.5)
_UNTAGGED = {"+CGMR", "+GMR", "+CGMM", "+GMM", "+CGMI", "+GMI", "+CGSN", "+GSN"}

# FTP session commands: their write/execute forms answer only a final result; the
# `+NAME: 1,…` lines that follow are URCs (M105 15.2.14-15.2.28)
_SESSION = {
    "+FTPGET", "+FTPPUT", "+FTPLIST", "+FTPDELE", "+FTPSIZE", "+FTPMKD", "+FTPRMD",
    "+FTPRENAME", "+FTPMDTM", "+FTPQUIT", "+FTPEXTGET", "+FTPEXTPUT", "+FTPETPUT", "+FTPETGET",
}  # fmt: skip

_EXTENDED_NAME = re.compile(r"\+[A-Z0-9]+")


@dataclass(frozen=True, slots=True)
class ResponseShape:
    command: str  # the line as sent, without its CR; also what an echo repeats
    info_prefixes: tuple[str, ...] = ()  # information lines start with one of these
    untagged_info: bool = False  # information lines carry no tag (AT+CGMR, ATI, ...)
    # a read of one value answers one line; surplus lines with the same tag came
    # before the answer and were URCs (the channel hands them on as such)
    max_info_lines: int | None = None
    data_header: str | None = None  # a length-counted block follows this header
    prompt: str | None = None  # the module waits for the host's payload after this line
    ok_before_prompt: bool = False  # AN 5.14: `OK` comes before `+FTPETPUT: 2,1`
    # a final result before any information line is not this command's (the late
    # answer of one given up on); used by the channel's resynchronising query
    final_after_information: bool = False

    def is_information(self, text: str) -> bool:
        return text.startswith(self.info_prefixes) if self.info_prefixes else False


def shape_for(command: str) -> ResponseShape:
    """The response shape of one command line (`AT…`, without CR; `;` joins commands)."""
    text = command.strip()
    if text[:2].upper() != "AT":
        raise ValueError(f"not a command line: {command!r}")
    parts = [p.strip() for p in split_commands(text[2:])]
    shapes = [_part_shape(text, part) for part in parts if part]
    if not shapes:
        return ResponseShape(text)
    if len(shapes) == 1:
        return shapes[0]
    last = shapes[-1]
    return ResponseShape(
        text,
        info_prefixes=tuple(p for s in shapes for p in s.info_prefixes),
        untagged_info=any(s.untagged_info for s in shapes),
        data_header=last.data_header,
        prompt=last.prompt,
        ok_before_prompt=last.ok_before_prompt,
    )


def split_commands(body: str) -> list[str]:
    """Split the text after `AT` at the `;` that are not inside quotes."""
    parts, start, quoted = [], 0, False
    for i, char in enumerate(body):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def _part_shape(line: str, part: str) -> ResponseShape:
    upper = part.upper()
    if not upper.startswith("+"):
        # basic commands: only ATI answers with text (M105 2.2.5)
        return ResponseShape(line, untagged_info=upper.startswith("I"))
    match = _EXTENDED_NAME.match(upper)
    name = match.group(0) if match else upper
    rest = upper[len(name) :].strip()
    tag = (name + ":",)
    if rest == "=?":
        if name == "+FTPTYPE":  # M105 prints this test answer with the +FTPPORT tag
            return ResponseShape(line, info_prefixes=(*tag, "+FTPPORT:"))
        return ResponseShape(line, info_prefixes=tag)
    if rest == "?":
        one_line = name.startswith("+FTP")  # every FTP read answers a single line
        return ResponseShape(line, info_prefixes=tag, max_info_lines=1 if one_line else None)
    if name in _UNTAGGED:
        return ResponseShape(line, untagged_info=True)
    if name == "+FTPSTATE":
        return ResponseShape(line, info_prefixes=tag, max_info_lines=1)
    if name not in _SESSION:
        return ResponseShape(line, info_prefixes=tag)
    mode = rest[1:].split(",")[0].strip() if rest.startswith("=") else ""
    args = rest[1:].split(",") if rest.startswith("=") else []
    if name == "+FTPGET" and mode == "2":
        return ResponseShape(line, data_header="+FTPGET: 2,")
    if name == "+FTPLIST" and mode == "2":
        return ResponseShape(line, data_header="+FTPLIST: 2,")
    if name == "+FTPEXTGET" and mode == "3":
        return ResponseShape(line, data_header="+FTPEXTGET: 3,")
    if name == "+FTPPUT" and mode == "2" and len(args) > 1 and args[1].strip() not in ("0", ""):
        return ResponseShape(line, prompt="+FTPPUT: 2,")
    if name == "+FTPEXTPUT" and mode == "2":
        return ResponseShape(line, prompt="+FTPEXTPUT: ")
    if name == "+FTPETPUT" and mode == "2":
        return ResponseShape(line, prompt="+FTPETPUT: 2,", ok_before_prompt=True)
    return ResponseShape(line)
