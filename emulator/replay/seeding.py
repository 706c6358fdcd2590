"""The remote files a transcript needs before it can be run again against another server.

A transcript recorded on a bench downloads files that were on the bench's server. The
conformance run rebuilds them from the transcript itself and puts them in the embedded
server's folder first:

* a download that succeeded (`+FTPGET`, `+FTPEXTGET`, `+FTPETGET` ending in `1,0`): the file,
  from its data blocks (at the AT+FTPREST offset; bytes before it are zeros);
* `+FTPSIZE: 1,0,<n>`: a file of n bytes (zeros) unless a download gave its bytes;
* a successful DELE, MDTM or RENAME: the file (empty unless known); a successful RMD or
  LIST, and any upload: the folder;
* parent folders of all of these.

Nothing is seeded that the transcript itself wrote before reading it (an upload, a MKD).
The limits: file times (MDTM) and listing text differ from the bench's; a file that the
transcript only reads in part is seeded only that far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from driver.events import DataBlock, Urc
from driver.transcript import LINE, EscapedStream, Exchange

_PARAMETER = re.compile(r'AT\+FTP(GETPATH|GETNAME|PUTPATH|PUTNAME|REST)=\s*"?([^"\r]*)"?\s*$', re.I)
_SESSION_URC = re.compile(r"\+(FTP[A-Z]+): 1,(\d+)(?:,(\d+))?")


@dataclass
class Seeds:
    files: dict[str, bytearray] = field(default_factory=dict)  # remote path -> content
    folders: set[str] = field(default_factory=set)

    def apply(self, root: str | Path) -> list[str]:
        """Create the files and folders under `root`; returns what was made, for the report."""
        base = Path(root).resolve()
        made = []
        for folder in sorted(self.folders | {str(PurePosixPath(p).parent) for p in self.files}):
            target = _inside(base, folder)
            if target is not None and not target.exists():
                target.mkdir(parents=True, exist_ok=True)
                made.append(f"{folder}/")
        for path, content in sorted(self.files.items()):
            target = _inside(base, path)
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(bytes(content))
                made.append(f"{path} ({len(content)} bytes)")
        return made


def plan_seeds(exchanges: list[Exchange]) -> Seeds:
    planner = _Planner()
    for exchange in exchanges:
        unit = exchange.unit
        if unit is not None and unit.kind == LINE:
            planner.on_command(unit.text)
        for item in exchange.items:
            planner.on_item(item.event)
    planner.end_extended()
    return planner.seeds


class _Planner:
    def __init__(self) -> None:
        self.seeds = Seeds()
        self.parameters = {"GETPATH": "/", "GETNAME": "", "PUTPATH": "/", "PUTNAME": "", "REST": "0"}
        self.written: set[str] = set()  # files and folders the transcript made itself
        self.session: str | None = None  # FTPGET, FTPEXTGET, FTPETGET, FTPSIZE, …
        self.data = bytearray()
        self.offset = 0
        self.extget_position = 0
        self.extget_ok = False  # +FTPEXTGET: 1,0 came: the reads that follow are the file

    def on_command(self, text: str) -> None:
        parameter = _PARAMETER.match(text.strip())
        if parameter is not None:
            self.parameters[parameter.group(1).upper()] = parameter.group(2)
            return
        command = text.strip().upper()
        if command in ("AT+FTPGET=1", "AT+FTPEXTGET=1", "AT+FTPETGET=1", "AT+FTPEXTGET=0"):
            self.end_extended()
        if command in ("AT+FTPGET=1", "AT+FTPEXTGET=1", "AT+FTPETGET=1"):
            self.session, self.data = command[3:].split("=")[0], bytearray()
            self.offset = int(self.parameters["REST"] or 0) if self.session == "FTPGET" else 0
        elif command in ("AT+FTPSIZE", "AT+FTPMDTM", "AT+FTPDELE", "AT+FTPRENAME", "AT+FTPRMD", "AT+FTPLIST=1"):
            self.session = command[3:].split("=")[0]
        elif command == "AT+FTPMKD":
            self.written.add(self._folder())
        elif command in ("AT+FTPPUT=1", "AT+FTPETPUT=1"):
            folder = _join(self.parameters["PUTPATH"], "")
            if folder not in self.written:  # an upload needs its folder, unless a MKD made it
                self.seeds.folders.add(folder)
            self.written.add(self._put_file())
        elif command.startswith("AT+FTPEXTGET=3,"):
            self.extget_position = int(command.split(",")[1] or 0)

    def on_item(self, event) -> None:
        if isinstance(event, DataBlock):
            if self.session == "FTPGET" and event.header.startswith("+FTPGET: 2,"):
                self.data += event.data
            elif self.session == "FTPEXTGET" and event.header.startswith("+FTPEXTGET: 3,"):
                _put(self.data, self.extget_position, event.data)
        elif isinstance(event, EscapedStream) and self.session == "FTPETGET":
            self.data += event.data
        elif isinstance(event, Urc):
            match = _SESSION_URC.match(event.text)
            if match is not None and match.group(1) == self.session and match.group(2) != "1":
                if match.group(2) == "0":
                    self._succeeded(match.group(3))
                if self.session != "FTPEXTGET":  # its reads come after the 1,0
                    self.session = None

    def _succeeded(self, value: str | None) -> None:
        session, path = self.session, self._get_file()
        if session == "FTPGET":
            self._seed_file(path, bytes(self.offset) + bytes(self.data))
        elif session == "FTPEXTGET":
            self.extget_ok = True
        elif session == "FTPETGET":
            self._seed_file(path, bytes(self.data))
        elif session == "FTPSIZE" and value is not None:
            self._seed_file(path, bytes(int(value)), size_only=True)
        elif session in ("FTPMDTM", "FTPDELE", "FTPRENAME"):
            self._seed_file(path, b"", size_only=True)
        elif session in ("FTPRMD", "FTPLIST") and self._folder() not in self.written:
            self.seeds.folders.add(self._folder())

    def end_extended(self) -> None:
        """The reads of an extended download are over (AT+FTPEXTGET=0, a new session, the end)."""
        if self.session == "FTPEXTGET" and self.extget_ok:
            self._seed_file(self._get_file(), bytes(self.data))
        if self.session == "FTPEXTGET":
            self.session, self.extget_ok = None, False

    def _seed_file(self, path: str, content: bytes, size_only: bool = False) -> None:
        if path in self.written:
            return
        known = self.seeds.files.get(path)
        if known is None:
            self.seeds.files[path] = bytearray(content)
        elif size_only and len(known) < len(content):
            known.extend(bytes(len(content) - len(known)))
        elif not size_only:
            _put(known, 0, content)

    def _get_file(self) -> str:
        return _join(self.parameters["GETPATH"], self.parameters["GETNAME"])

    def _put_file(self) -> str:
        return _join(self.parameters["PUTPATH"], self.parameters["PUTNAME"])

    def _folder(self) -> str:
        return _join(self.parameters["GETPATH"], "")


def _put(buffer: bytearray, at: int, data: bytes) -> None:
    if len(buffer) < at:
        buffer.extend(bytes(at - len(buffer)))
    buffer[at : at + len(data)] = data


def _join(folder: str, name: str) -> str:
    path = PurePosixPath("/") / folder.strip().removeprefix("./") / name
    return str(path).rstrip("/") or "/"


def _inside(base: Path, remote: str) -> Path | None:
    target = (base / remote.lstrip("/")).resolve()
    return target if target == base or base in target.parents else None
