"""The conformance diff: a module's transcript sent again to the emulator, answers compared.

    report = check_conformance(read_transcript("bench.jsonl"))
    print(report.render())        # or: python -m emulator.replay conformance bench.jsonl

An emulator with its embedded FTP server is started; the files the transcript reads are
seeded from the transcript (seeding.py); then every unit the host wrote is written
again, in order, with AT+FTPSERV / FTPPORT / FTPUN / FTPPW rewritten to the embedded
server (the recorded ones are masked or name the bench's server anyway). The emulator's
bytes are read by the driver's AtParser, and each exchange is compared by shape
(driver.transcript.shapes): the response in order (echo, information lines with
their values abstracted, data blocks by length class, prompt, final result); URCs as a
set, since they come when they come, and a URC that falls into the next or previous
exchange counts as the same.

An exchange is over once the emulator gave as many final results and prompts, and
as many URCs, as the module did, or after `timeout` seconds. Limits: the exchange before
the host's first byte (boot output) is not compared; a payload is only sent once the
emulator prompted for it, else the run stops there; values (sizes, times, addresses)
are not compared, by design.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

import serial

from driver.events import CmeErrorResult, Error, Ok, TransparentData, TransparentEnd, UploadPrompt
from driver.parser import AtParser
from driver.port_reader import READ_TIMEOUT, bulk_reader
from driver.transcript import LINE, EscapedStream, Exchange, Item, Transcript, Unfinished, split_exchanges
from driver.transcript.shapes import is_unsolicited, item_shape

from ..emulator import Emulator
from .seeding import plan_seeds

DEFAULT_TIMEOUT = 10.0  # seconds an exchange may take on the emulator before it counts as missing
_TERMINAL = (Ok, Error, CmeErrorResult, UploadPrompt)


@dataclass(frozen=True)
class Difference:
    index: int
    at: float  # when the host wrote it, in the transcript
    sent: str
    module: tuple[str, ...]  # the module's answer, as shapes
    emulator: tuple[str, ...]

    def render(self) -> str:
        return (
            f"exchange {self.index} at {self.at:.3f} s: {self.sent}\n"
            f"  module:   {' | '.join(self.module) or '(nothing)'}\n"
            f"  emulator: {' | '.join(self.emulator) or '(nothing)'}"
        )


@dataclass
class ConformanceReport:
    source: str
    target: str
    compared: int = 0
    differences: list[Difference] = field(default_factory=list)
    seeded: list[str] = field(default_factory=list)
    stopped: str | None = None

    @property
    def conforms(self) -> bool:
        return not self.differences and self.stopped is None

    def render(self) -> str:
        lines = [f"conformance of {self.source} ({self.target}) against the emulator"]
        if self.seeded:
            lines.append("seeded on the embedded server: " + ", ".join(self.seeded))
        count = len(self.differences)
        verdict = f"{count} differ{'s' if count == 1 else ''}" if count else "all answer alike"
        lines.append(f"{self.compared} exchanges compared, {verdict}")
        lines += ["", *(d.render() for d in self.differences)] if self.differences else []
        if self.stopped:
            lines.append(f"stopped early: {self.stopped}")
        return "\n".join(lines)


def check_conformance(
    transcript: Transcript, *, profile: str = "fast", timeout: float = DEFAULT_TIMEOUT
) -> ConformanceReport:
    header = transcript.header
    target = ", ".join(p for p in (header.target, header.revision and f"revision {header.revision}") if p)
    report = ConformanceReport(transcript.path or "transcript", target or "unknown target")
    exchanges = split_exchanges(transcript)
    with Emulator(profile) as emulator:
        report.seeded = plan_seeds(exchanges).apply(emulator.ftp.root)
        port = serial.serial_for_url(emulator.port, timeout=READ_TIMEOUT)
        try:
            observed = _drive(port, exchanges, emulator, timeout, report)
        finally:
            port.close()
    report.compared = len(observed)
    report.differences = _compare(exchanges[1 : 1 + len(observed)], observed)
    return report


# -- running the host's side again ---------------------------------------------------------


def _drive(port, exchanges: list[Exchange], emulator: Emulator, timeout: float, report) -> list[list[Item]]:
    read = bulk_reader(port)
    parser = AtParser()
    observed: list[list[Item]] = []
    prompted = False
    for exchange in exchanges[1:]:
        unit = exchange.unit
        if unit.kind != LINE and not prompted:
            report.stopped = f"exchange {exchange.index}: the emulator did not prompt for the payload"
            break
        if unit.kind == LINE:
            data = _rewrite(unit.text, emulator).encode("latin-1") + unit.data[len(unit.text) :]
            parser.expect(unit.text if unit.text[:2].upper() == "AT" else None)
        else:
            data = unit.data
        port.write(data)
        items = _collect(read, parser, _wanted(exchange.items), timeout)
        observed.append(items)
        prompted = any(isinstance(i.event, UploadPrompt) for i in items)
    return observed


def _wanted(items: list[Item]) -> tuple[int, int, int]:
    """(final results and prompts, other answer items, URCs) the module sent."""
    answer = [i for i in items if not is_unsolicited(i) and not isinstance(i.event, Unfinished)]
    terminals = sum(isinstance(i.event, _TERMINAL) for i in answer)
    return terminals, len(answer), len(items) - len(answer)


def _collect(read, parser: AtParser, wanted: tuple[int, int, int], timeout: float) -> list[Item]:
    terminals, answers, urcs = wanted
    items: list[Item] = []
    deadline = time.monotonic() + timeout
    stream = bytearray()
    while True:
        got_terminals, got_answers, got_urcs = _wanted(items)
        enough_answer = got_terminals >= terminals if terminals else got_answers >= answers
        if enough_answer and got_urcs >= urcs:
            return items
        if time.monotonic() > deadline:
            return items
        data = read()
        if not data:
            continue
        now = time.monotonic()
        for event in parser.feed(data):
            items.extend(_streamed(event, now, stream))


def _streamed(event, now: float, stream: bytearray) -> list[Item]:
    """Escaped stream pieces into one item, as split_exchanges does."""
    if isinstance(event, TransparentData):
        stream += event.data
        return []
    if isinstance(event, TransparentEnd):
        data = bytes(stream)
        stream.clear()
        return [Item(now, EscapedStream(data))]
    return [Item(now, event)]


_SERVER_FIELDS = {
    "FTPSERV": lambda e: f'"{e.ftp.host}"',
    "FTPPORT": lambda e: str(e.ftp.port),
    "FTPUN": lambda e: f'"{e.ftp.user}"',
    "FTPPW": lambda e: f'"{e.ftp.password}"',
}
_SERVER_COMMAND = re.compile(r"(\+(FTPSERV|FTPPORT|FTPUN|FTPPW)=)(?!\?)(\"[^\"]*\"?|[^;]*)", re.I)


def _rewrite(line: str, emulator: Emulator) -> str:
    """The bench's server and its (masked) credentials become the embedded server's."""
    return _SERVER_COMMAND.sub(lambda m: m.group(1) + _SERVER_FIELDS[m.group(2).upper()](emulator), line)


# -- comparing -----------------------------------------------------------------------------------


def _shapes(exchange_items: list[Item], command: str | None) -> tuple[list[str], Counter]:
    answer, urcs = [], Counter()
    for item in exchange_items:
        if isinstance(item.event, Unfinished):
            continue
        shape = item_shape(item, command)
        if is_unsolicited(item):
            urcs[shape] += 1
        else:
            answer.append(shape)
    return answer, urcs


def _compare(exchanges: list[Exchange], observed: list[list[Item]]) -> list[Difference]:
    recorded, emulated, command = [], [], None
    for exchange, items in zip(exchanges, observed, strict=True):
        if exchange.unit.kind == LINE:
            command = exchange.unit.text
        recorded.append(_shapes(exchange.items, command))
        emulated.append(_shapes(items, command))
    missing = [r[1] - e[1] for r, e in zip(recorded, emulated, strict=True)]
    extra = [e[1] - r[1] for r, e in zip(recorded, emulated, strict=True)]
    for k in range(len(exchanges) - 1):  # a URC on the other side of an exchange boundary
        for a, b in ((missing[k], extra[k + 1]), (extra[k], missing[k + 1])):
            moved = a & b
            a.subtract(moved)
            b.subtract(moved)
    differences = []
    for k, exchange in enumerate(exchanges):
        (module_answer, module_urcs), (emulator_answer, emulator_urcs) = recorded[k], emulated[k]
        if module_answer == emulator_answer and not +missing[k] and not +extra[k]:
            continue
        differences.append(
            Difference(
                exchange.index,
                exchange.at,
                _sent(exchange),
                tuple(module_answer) + tuple(f"{s}" for s in sorted(module_urcs.elements())),
                tuple(emulator_answer) + tuple(f"{s}" for s in sorted(emulator_urcs.elements())),
            )
        )
    return differences


def _sent(exchange: Exchange) -> str:
    unit = exchange.unit
    return unit.text if unit.kind == LINE else f"a {unit.kind} of {len(unit.data)} bytes"
