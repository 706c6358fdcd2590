"""A transcript turned into what a replay plays: per host unit, the module bytes that followed.

Step 0 holds what the module sent before the host wrote anything (boot URCs, when the
recording began before the port was opened). Each later step holds one unit the host
wrote (a command line or a payload) and the module's bytes recorded after it until the
host began its next unit, with the recorded gaps between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from driver.transcript import Header, HostUnit, Transcript, read_transcript, split_exchanges


@dataclass(frozen=True, slots=True)
class Output:
    gap: float  # seconds after the previous output of the step (the first: after the host's unit)
    data: bytes


@dataclass(frozen=True, slots=True)
class Step:
    index: int
    unit: HostUnit | None
    outputs: tuple[Output, ...]

    @property
    def data(self) -> bytes:
        return b"".join(o.data for o in self.outputs)


@dataclass(frozen=True)
class ReplayScript:
    header: Header
    steps: tuple[Step, ...]
    source: str | None = None

    @classmethod
    def load(cls, source: str | Path | Transcript | ReplayScript) -> ReplayScript:
        if isinstance(source, ReplayScript):
            return source
        transcript = source if isinstance(source, Transcript) else read_transcript(source)
        return cls.from_transcript(transcript)

    @classmethod
    def from_transcript(cls, transcript: Transcript) -> ReplayScript:
        steps = []
        for exchange in split_exchanges(transcript):
            unit = exchange.unit
            previous = unit.end if unit is not None else 0.0
            outputs = []
            for chunk in exchange.chunks:
                outputs.append(Output(max(0.0, chunk.t - previous), chunk.data))
                previous = chunk.t
            steps.append(Step(exchange.index, unit, tuple(outputs)))
        return cls(transcript.header, tuple(steps), transcript.path)

    @property
    def units(self) -> int:
        return len(self.steps) - 1
