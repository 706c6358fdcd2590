"""PayloadSource: bytes or a binary file object, taken in pieces of the size the module confirms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

READ_SIZE = 64 * 1024


class PayloadSource:
    def __init__(self, data: bytes | bytearray | memoryview | BinaryIO) -> None:
        if isinstance(data, (bytes, bytearray, memoryview)):
            self._file = None
            self._pending = bytes(data)
        else:
            self._file = data
            self._pending = b""
        self._offset = 0  # into _pending
        self.taken = 0  # bytes handed on so far

    def peek(self, size: int) -> bytes:
        """Up to `size` next bytes, without taking them (fewer only at the end)."""
        while len(self._pending) - self._offset < size and self._file is not None:
            more = self._file.read(max(READ_SIZE, size))
            if not more:
                self._file = None
                break
            self._pending = self._pending[self._offset :] + more
            self._offset = 0
        return self._pending[self._offset : self._offset + size]

    def advance(self, size: int) -> None:
        self._offset += size
        self.taken += size

    def take(self, size: int) -> bytes:
        piece = self.peek(size)
        self.advance(len(piece))
        return piece

    def chunks(self, size: int = READ_SIZE) -> Iterator[bytes]:
        while True:
            piece = self.take(size)
            if not piece:
                return
            yield piece

    def read_all(self, limit: int) -> bytes:
        """Everything, or ValueError if it is longer than `limit` bytes."""
        data = self.peek(limit + 1)
        if len(data) > limit:
            raise ValueError(f"the payload is over {limit} bytes, the most the module's buffer holds")
        self.advance(len(data))
        return data
