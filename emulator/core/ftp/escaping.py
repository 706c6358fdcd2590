"""DLE/ETX transparency for FTPETGET/FTPETPUT (reference 6.2): 0x03 and 0x10 are sent after a DLE."""

ETX = b"\x03"
DLE = b"\x10"


def escape(data: bytes | memoryview) -> bytes:
    return bytes(data).replace(DLE, DLE + DLE).replace(ETX, DLE + ETX)
