"""How the UART carries bytes: baud-rate pacing and the impairments a bench shows.

Applied by the module loop to what the module writes (and, for the drop, to
what it hears). Durations are module seconds, so they follow time_scale.
"""

from __future__ import annotations

from dataclasses import dataclass

BITS_PER_BYTE = 10  # start, 8 data bits, stop
PACING_SLICE = 0.005  # real seconds of line time written at once when pacing


@dataclass
class LineShaping:
    pacing_baud: int = 0  # 0: as fast as the pty takes it
    piece: int = 0  # split every write into pieces of this many bytes (0: whole writes)
    piece_gap: float = 0.0  # between those pieces
    byte_gap: float = 0.0  # between every two bytes (inter-byte delay)
    drop_output_at: int | None = None  # drop the module's output byte that comes after this many more
    drop_input_at: int | None = None  # the same for what the host sends

    def clear(self, pacing_baud: int) -> None:
        self.__init__(pacing_baud=pacing_baud)

    def next_piece(self, available: int, time_scale: float) -> int:
        """How many of `available` bytes may go out in one write."""
        size = available
        if self.pacing_baud:
            rate = self.pacing_baud / BITS_PER_BYTE / time_scale
            size = min(size, max(1, int(rate * PACING_SLICE)))
        if self.byte_gap:
            size = 1
        elif self.piece:
            size = min(size, self.piece)
        if self.drop_output_at is not None:
            size = min(size, self.drop_output_at) if self.drop_output_at else size
        return size

    def pause_after(self, written: int, time_scale: float) -> float:
        """Real seconds the line stays quiet after `written` bytes went out."""
        pause = 0.0
        if self.pacing_baud:
            pause += written * BITS_PER_BYTE / self.pacing_baud * time_scale
        if self.byte_gap:
            pause += self.byte_gap * written * time_scale
        elif self.piece and self.piece_gap:
            pause += self.piece_gap * time_scale
        return pause

    def output_drop_due(self) -> bool:
        return self.drop_output_at == 0

    def count_output(self, written: int) -> None:
        if self.drop_output_at is not None:
            self.drop_output_at -= written

    def filter_input(self, data: bytes) -> bytes:
        """What the module hears of `data` (one byte lost when a drop is due)."""
        at = self.drop_input_at
        if at is None:
            return data
        if at >= len(data):
            self.drop_input_at = at - len(data)
            return data
        self.drop_input_at = None
        return data[:at] + data[at + 1 :]
