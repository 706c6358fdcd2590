"""The file format: a header line, one JSON line per read or write, read back unchanged."""

from __future__ import annotations

import json

import pytest

from driver.transcript import FROM_MODULE, TO_MODULE, TranscriptError, TranscriptWriter, read_transcript


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_printable_bytes_are_text_and_others_base64(tmp_path):
    path = tmp_path / "t.jsonl"
    with TranscriptWriter(path, target="hardware", port="/dev/ttyUSB2", test="t::x") as writer:
        writer.on_write(b"AT+FTPGET=2,1460\r")  # the driver's view: a write goes to the module
        writer.on_read(b"\r\n+FTPGET: 2,3\r\n\x00\xff\x03\r\nOK\r\n")
    header, sent, received = lines(path)
    assert header["transcript"] == "sim7080" and header["version"] == 1
    assert (header["target"], header["port"], header["test"], header["recorded_by"]) == (
        "hardware", "/dev/ttyUSB2", "t::x", "host",
    )  # fmt: skip
    assert header["redacted_commands"] == ["FTPPW", "FTPUN"]
    assert sent["dir"] == "to_module" and sent["text"] == "AT+FTPGET=2,1460\r"
    assert received["dir"] == "from_module" and "b64" in received and "text" not in received
    assert 0 <= sent["t"] <= received["t"]


def test_what_is_written_reads_back_byte_for_byte(tmp_path):
    path = tmp_path / "t.jsonl"
    pieces = [(TO_MODULE, b"AT\r"), (FROM_MODULE, b"\r\nOK\r\n"), (FROM_MODULE, bytes(range(256)))]
    with TranscriptWriter(path) as writer:
        for direction, data in pieces:
            writer.record(direction, data)
        writer.update_header(revision="1951B16SIM7080")
    transcript = read_transcript(path)
    assert [(e.direction, e.data) for e in transcript.events] == pieces
    assert transcript.header.revision == "1951B16SIM7080"  # learnt after the start, merged
    assert not transcript.truncated


def test_a_line_cut_off_by_a_dying_writer_is_noted_and_the_rest_kept(tmp_path):
    path = tmp_path / "t.jsonl"
    with TranscriptWriter(path) as writer:
        writer.on_write(b"AT\r")
        writer.on_read(b"\r\nOK\r\n")
    text = path.read_text()
    path.write_text(text[: len(text) - 9])  # the last line loses its end
    transcript = read_transcript(path)
    assert transcript.truncated
    assert [e.data for e in transcript.events] == [b"AT\r"]


@pytest.mark.parametrize(
    "first_line, complaint",
    [('{"hello": 1}', "not a sim7080 transcript"), ('{"transcript": "sim7080", "version": 9}', "version 9")],
)
def test_a_file_that_is_no_transcript_is_refused(tmp_path, first_line, complaint):
    path = tmp_path / "t.jsonl"
    path.write_text(first_line + "\n")
    with pytest.raises(TranscriptError, match=complaint):
        read_transcript(path)


def test_the_firmware_revision_is_learnt_from_the_traffic_when_not_given(tmp_path):
    path = tmp_path / "t.jsonl"
    with TranscriptWriter(path, target="hardware") as writer:
        writer.on_write(b"AT+CGMR\r")
        writer.on_read(b"\r\nRevision:1951B17SIM7080\r\n\r\nOK\r\n")
        writer.on_read(b"\r\nRevision:something else\r\n")  # the first answer stands
    assert read_transcript(path).header.revision == "1951B17SIM7080"
