"""A transcript cut into exchanges and shown as a timeline (`python -m driver.transcript show`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from driver.events import DataBlock, Ok, UploadPrompt, Urc
from driver.transcript import ESCAPED, FROM_MODULE, LINE, PAYLOAD, TO_MODULE, Event, EscapedStream, split_exchanges
from driver.transcript.format import Header, event_line, header_line

ROOT = Path(__file__).resolve().parents[2]


def to(t: float, data: bytes) -> Event:
    return Event(t, TO_MODULE, data)


def back(t: float, data: bytes) -> Event:
    return Event(t, FROM_MODULE, data)


# A read, an upload whose payload holds CR LF and comes in two writes, a transparent
# upload, a transparent download; the module's bytes split where a serial read may split them.
EVENTS = [
    to(0.000, b"AT+FTPGET=2,1460\r"),
    back(0.010, b"\r\n+FTPGET: 2,5\r\n\x00\r\nOK"),
    back(0.011, b"\r\n\r\nOK\r\n"),
    to(0.020, b"AT+FTPPUT=2,6\r"),
    back(0.021, b"\r\n+FTPPUT: 2,6\r\n"),
    to(0.022, b"\nA\r"),  # the payload starts with LF: it is payload, not a line end
    to(0.023, b"\nBC"),
    back(0.024, b"\r\nOK\r\n"),
    to(0.030, b"AT+FTPETPUT=2\r"),
    back(0.031, b"\r\nOK\r\n\r\n+FTPETPUT: 2,1\r\n"),
    to(0.032, b"x\x10\x03y\x03"),
    back(0.033, b"\r\nOK\r\n\r\n+FTPETPUT: 1,0\r\n"),
    to(0.040, b"AT+FTPETGET=1\r"),
    back(0.041, b"\r\nOK\r\n\r\n+FTPETGET: 1,1\r\nab\x10"),
    back(3.500, b"\x03c\x03\r\n+FTPETGET: 1,0\r\n"),  # the stream goes on after a long silence
]


def test_host_bytes_become_lines_and_the_payloads_their_prompts_announce():
    units = [e.unit for e in split_exchanges(EVENTS)[1:]]
    assert [(u.kind, u.data) for u in units] == [
        (LINE, b"AT+FTPGET=2,1460\r"),
        (LINE, b"AT+FTPPUT=2,6\r"),
        (PAYLOAD, b"\nA\r\nBC"),
        (LINE, b"AT+FTPETPUT=2\r"),
        (ESCAPED, b"x\x10\x03y\x03"),
        (LINE, b"AT+FTPETGET=1\r"),
    ]
    assert (units[2].start, units[2].end) == (0.022, 0.023)


def test_module_bytes_are_read_as_the_driver_reads_them():
    exchanges = split_exchanges(EVENTS)
    get, put, payload = exchanges[1], exchanges[2], exchanges[3]
    assert [i.event for i in get.items] == [DataBlock("+FTPGET: 2,5", b"\x00\r\nOK"), Ok()]
    assert [i.event for i in put.items] == [UploadPrompt("+FTPPUT: 2,6", 6)]
    assert [i.event for i in payload.items] == [Ok()]
    download = [i.event for i in exchanges[6].items]
    assert download == [Ok(), Urc("+FTPETGET: 1,1"), EscapedStream(b"ab\x03c"), Urc("+FTPETGET: 1,0")]


def write(path: Path, events) -> Path:
    header = Header(target="hardware", revision="1951B16SIM7080", port="/dev/ttyUSB2", test="t::download")
    path.write_text("\n".join([header_line(header), *(event_line(e) for e in events)]) + "\n")
    return path


def show(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "driver.transcript", "show", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=30)  # fmt: skip


def test_show_prints_an_annotated_timeline(tmp_path):
    result = show(str(write(tmp_path / "t.jsonl", EVENTS)), "--gap", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "test        t::download" in out
    assert "target      hardware, revision 1951B16SIM7080, port /dev/ttyUSB2 (recorded by the host)" in out
    for expected in [
        "     0.000  >> command  AT+FTPGET=2,1460",
        "     0.011  << data     +FTPGET: 2,5 + 5 bytes: 00 0d 0a 4f 4b",
        "     0.021  << prompt   +FTPPUT: 2,6",
        "     0.022  >> payload  6 bytes: '\\nA\\r\\nBC'",
        "     0.032  >> payload  escaped, 5 bytes: 78 10 03 79 03",
        "     0.041  << URC      +FTPETGET: 1,1",
        "            ·· 3.459 s without traffic ··",
        "     3.500  << stream   escaped, decoded 4 bytes: 61 62 03 63",
    ]:
        assert expected in out.splitlines(), f"{expected!r} not in:\n{out}"
    assert "without traffic" not in out.split("+FTPETGET: 1,1")[0]  # short silences are not marked


def test_show_last_keeps_the_end(tmp_path):
    out = show(str(write(tmp_path / "t.jsonl", EVENTS)), "--last", "1").stdout
    assert "… 6 earlier exchanges not shown …" in out
    assert "AT+FTPETGET=1" in out and "AT+FTPGET=2,1460" not in out


def test_show_says_what_is_wrong_with_a_bad_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    result = show(str(bad))
    assert result.returncode == 1 and "cannot read" in result.stderr


def test_an_unfinished_line_at_the_end_is_shown(tmp_path):
    events = [to(0.0, b"AT+CGMR\r"), back(0.01, b"\r\nRevision:195"), to(0.02, b"AT+CSQ")]
    out = show(str(write(tmp_path / "t.jsonl", events))).stdout
    assert out.splitlines()[-3:] == [
        "     0.000  >> command  AT+CGMR",
        "     0.010  << partial  never completed: 12 bytes: 'Revision:195'",
        "     0.020  >> command  AT+CSQ   (no CR: the line was never finished)",
    ]
