"""A transcript as an annotated timeline, for people (`python -m driver.transcript show FILE`).

       0.000  >> command  AT+FTPGET=2,1460
       0.003  << data     +FTPGET: 2,1460 + 1460 bytes: 00 07 0e 15 1c 23 2a 31 …
       0.003  << result   OK
              ·· 2.315 s without traffic ··
       2.318  << URC      +FTPGET: 1,0

`>>` the host wrote it, `<<` the module sent it. Times are seconds since the recording
began; the time of a module item is when the read that completed it arrived.
"""

from __future__ import annotations

from ..events import CmeErrorResult, DataBlock, Echo, Error, InformationLine, Noise, Ok, UploadPrompt, Urc
from .exchanges import ESCAPED, PAYLOAD, EscapedStream, Exchange, Unfinished, split_exchanges
from .format import is_text
from .reader import Transcript

DEFAULT_GAP = 0.5  # seconds of silence worth a line of their own
PREVIEW = 8  # bytes of a data block shown


def render(transcript: Transcript, *, gap: float = DEFAULT_GAP, last: int | None = None) -> str:
    """The header, then the timeline; `last`: only the last N exchanges."""
    exchanges = split_exchanges(transcript)
    shown = exchanges[-last:] if last else exchanges
    lines = _header(transcript, len(exchanges))
    if len(shown) < len(exchanges):
        lines.append(f"   … {len(exchanges) - len(shown)} earlier exchanges not shown …")
    previous: float | None = None
    for exchange in shown:
        for at, direction, kind, text in _entries(exchange):
            if previous is not None and at - previous > gap:
                lines.append(f"{'':>10}  ·· {at - previous:.3f} s without traffic ··")
            previous = at
            lines.append(f"{at:>10.3f}  {direction} {kind:<8} {text}")
    return "\n".join(lines)


def _header(transcript: Transcript, exchanges: int) -> list[str]:
    h = transcript.header
    target = ", ".join(
        part for part in (h.target, f"revision {h.revision}" if h.revision else "", f"port {h.port}" if h.port else "")
        if part
    )  # fmt: skip
    lines = [
        f"transcript  {transcript.path or '-'}",
        f"test        {h.test or '-'}",
        f"target      {target or '-'} (recorded by the {h.recorded_by})",
        f"started     {h.started or '-'}; {len(transcript.events)} reads and writes, {exchanges} exchanges, "
        f"{transcript.duration:.3f} s",
    ]
    if transcript.truncated:
        lines.append("note        the last line was cut off (the recording process stopped mid-write)")
    return lines


def _entries(exchange: Exchange):
    unit = exchange.unit
    if unit is not None:
        if unit.kind == PAYLOAD:
            yield unit.start, ">>", "payload", _bytes_summary(unit.data)
        elif unit.kind == ESCAPED:
            yield unit.start, ">>", "payload", "escaped, " + _bytes_summary(unit.data)
        else:
            note = "" if unit.complete else "   (no CR: the line was never finished)"
            yield unit.start, ">>", "command", unit.text + note
    command = unit.text if unit is not None else None
    for item in exchange.items:
        kind, text = _describe(item.event, command)
        yield item.at, "<<", kind, text


def _describe(event, command: str | None) -> tuple[str, str]:
    if isinstance(event, Echo):
        return "echo", event.text
    if isinstance(event, Ok | Error):
        return "result", "OK" if isinstance(event, Ok) else "ERROR"
    if isinstance(event, CmeErrorResult):
        return "result", f"+CME ERROR: {event.code if event.code is not None else event.text}"
    if isinstance(event, InformationLine):
        return "info", event.text
    if isinstance(event, Urc):
        return "URC", event.text
    if isinstance(event, DataBlock):
        return "data", f"{event.header} + {_bytes_summary(event.data)}"
    if isinstance(event, UploadPrompt):
        return "prompt", event.text
    if isinstance(event, EscapedStream):
        return "stream", "escaped, decoded " + _bytes_summary(event.data)
    if isinstance(event, Noise):
        return "noise", _bytes_summary(event.data)
    if isinstance(event, Unfinished):
        return "partial", "never completed: " + _bytes_summary(event.data)
    return type(event).__name__, repr(event)


def _bytes_summary(data: bytes) -> str:
    if not data:
        return "0 bytes"
    head = data[: PREVIEW * 4]
    if is_text(head):
        preview, shown = repr(head.decode("ascii")), len(head)
    else:
        shown = min(len(data), PREVIEW)
        preview = " ".join(f"{b:02x}" for b in data[:shown])
    return f"{len(data)} bytes: {preview}{' …' if len(data) > shown else ''}"
