"""Remote paths as the module takes them: a path parameter and a name parameter.

`/dir/file.bin` becomes AT+FTPGETPATH="/dir/" and AT+FTPGETNAME="file.bin" (or the
PUT pair). Lengths are checked before anything is sent, in bytes, because the
module counts bytes; names travel as UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_NAME = 64  # FTPGETNAME / FTPPUTNAME on the SIM7080, M105 15.2.10 / 15.2.12
MAX_PATH = 255  # FTPGETPATH / FTPPUTPATH, M105 15.2.11 / 15.2.13
MAX_SERVER_FIELD = 49  # FTPSERV / FTPUN / FTPPW, M105 15.2.7-15.2.9
CURRENT_DIRECTORY = "./"  # for a bare name: the login directory, whatever the server makes it


@dataclass(frozen=True)
class RemoteFile:
    directory: str  # the path parameter, ending in "/"
    name: str  # the name parameter


def split_file_path(path: str) -> RemoteFile:
    """`/dir/file.bin` -> RemoteFile("/dir/", "file.bin"); ValueError if it names no file
    or a part is too long or holds a character a quoted AT string cannot carry."""
    check_text(path, "path")
    slash = path.rfind("/")
    directory, name = (path[: slash + 1], path[slash + 1 :]) if slash >= 0 else (CURRENT_DIRECTORY, path)
    if not name:
        raise ValueError(f"{path!r} names a directory, not a file")
    check_length(name, MAX_NAME, "file name")
    check_length(directory, MAX_PATH, "directory path")
    return RemoteFile(directory, name)


def directory_path(path: str) -> str:
    """A path used whole as the path parameter (MKD, RMD, LIST)."""
    check_text(path, "path")
    if not path:
        raise ValueError("empty path")
    check_length(path, MAX_PATH, "path")
    return path


def check_text(value: str, what: str) -> None:
    """ValueError for what cannot sit inside a quoted AT string: a quote, CR, LF, NUL."""
    bad = next((c for c in value if c in '"\r\n\x00'), None)
    if bad is not None:
        raise ValueError(f"{what} {value!r} holds {bad!r}, which an AT command cannot carry")


def check_length(value: str, limit: int, what: str) -> None:
    size = len(value.encode("utf-8"))
    if size > limit:
        raise ValueError(f"{what} {value!r} is {size} bytes; the module takes at most {limit}")


def quoted(value: str) -> str:
    """The value as a quoted AT string: its UTF-8 bytes, one latin-1 character each,
    so the channel writes them unchanged."""
    check_text(value, "string")
    return '"' + value.encode("utf-8").decode("latin-1") + '"'
