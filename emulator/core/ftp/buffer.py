"""The module's download buffer: chunks as they came from the socket, taken without re-copying."""

from collections import deque


class DownloadBuffer:
    def __init__(self) -> None:
        self._chunks: deque[memoryview] = deque()
        self.size = 0

    def append(self, data: bytes) -> None:
        if data:
            self._chunks.append(memoryview(data))
            self.size += len(data)

    def take(self, most: int) -> bytes | memoryview:
        """Up to `most` bytes from the front; a slice of one chunk when it holds enough."""
        chunks = self._chunks
        if not chunks or most <= 0:
            return b""
        head = chunks[0]
        if len(head) >= most:
            if len(head) == most:
                chunks.popleft()
            else:
                chunks[0] = head[most:]
            self.size -= most
            return head[:most]
        parts = []
        wanted = most
        while chunks and wanted:
            head = chunks[0]
            if len(head) <= wanted:
                parts.append(chunks.popleft())
                wanted -= len(head)
            else:
                parts.append(head[:wanted])
                chunks[0] = head[wanted:]
                wanted = 0
        data = b"".join(parts)
        self.size -= len(data)
        return data

    def clear(self) -> None:
        self._chunks.clear()
        self.size = 0


_SEVEN_BIT = bytes(range(128)) * 2


def ascii_mode(data: bytes) -> bytes:
    """TYPE A on this module clears bit 7 of every byte (M105 15.2.3 note)."""
    return data.translate(_SEVEN_BIT)
