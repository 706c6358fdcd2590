"""Transcripts: every byte each way, time-stamped, secrets masked, readable back.

    from driver.transcript import TranscriptWriter, read_transcript, render
    with TranscriptWriter("run.jsonl", target="hardware", port=url) as recorder:
        modem = Modem.open(url, recorder=recorder)          # any port the driver opens
    print(render(read_transcript("run.jsonl")))             # or: python -m driver.transcript show run.jsonl

format (the JSON-lines file), writer, reader, exchanges (the traffic cut into command
and response), shapes (what an answer looks like with its values abstracted), render.
"""

from .exchanges import (
    ESCAPED,
    LINE,
    PAYLOAD,
    EscapedStream,
    Exchange,
    HostSplitter,
    HostUnit,
    Item,
    Unfinished,
    split_exchanges,
)
from .format import FROM_MODULE, HOST, MODULE, TO_MODULE, Event, Header, TranscriptError
from .memory import MemoryTranscript, Piece, Recorder
from .reader import Transcript, parse_transcript, read_transcript
from .render import render
from .writer import TranscriptWriter

__all__ = [
    "ESCAPED",
    "FROM_MODULE",
    "HOST",
    "LINE",
    "MODULE",
    "PAYLOAD",
    "TO_MODULE",
    "EscapedStream",
    "Event",
    "Exchange",
    "Header",
    "HostSplitter",
    "HostUnit",
    "Item",
    "MemoryTranscript",
    "Piece",
    "Recorder",
    "Transcript",
    "TranscriptError",
    "TranscriptWriter",
    "Unfinished",
    "parse_transcript",
    "read_transcript",
    "render",
    "split_exchanges",
]
