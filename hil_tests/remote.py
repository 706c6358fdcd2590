"""RemoteFolder: the test host's own view of one test's scratch folder, through ftplib.

Identical on both targets: tests seed files and check results here, never
through the module under test.
"""

from __future__ import annotations

import ftplib
import io
from datetime import datetime, timezone


class RemoteFolder:
    def __init__(self, host: str, port: int, user: str, password: str, path: str) -> None:
        self.ftp = ftplib.FTP()
        self.ftp.connect(host, port, timeout=30)
        self.ftp.login(user, password)
        self.path = path.rstrip("/")
        _make_dirs(self.ftp, self.path)

    def __repr__(self) -> str:
        return f"RemoteFolder({self.path!r})"

    def file(self, name: str) -> str:
        """The absolute remote path of `name` in this folder (what the module is given)."""
        return f"{self.path}/{name}"

    def seed(self, name: str, data: bytes) -> str:
        self.ftp.storbinary(f"STOR {self.file(name)}", io.BytesIO(data))
        return self.file(name)

    def read(self, name: str) -> bytes:
        out = io.BytesIO()
        self.ftp.retrbinary(f"RETR {self.file(name)}", out.write)
        return out.getvalue()

    def names(self, folder: str = "") -> list[str]:
        path = self.file(folder) if folder else self.path
        return sorted(entry.rsplit("/", 1)[-1] for entry in self.ftp.nlst(path))

    def exists(self, name: str) -> bool:
        folder, _, leaf = self.file(name).rpartition("/")
        return leaf in [entry.rsplit("/", 1)[-1] for entry in self.ftp.nlst(folder or "/")]

    def size(self, name: str) -> int:
        self.ftp.voidcmd("TYPE I")
        return self.ftp.size(self.file(name))

    def mdtm(self, name: str) -> datetime:
        stamp = self.ftp.sendcmd(f"MDTM {self.file(name)}")[4:].strip()
        return datetime.strptime(stamp[:14], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)

    def mkdir(self, name: str) -> str:
        self.ftp.mkd(self.file(name))
        return self.file(name)

    def remove(self) -> None:
        """Delete the folder and everything in it, then log out."""
        try:
            _remove_tree(self.ftp, self.path)
        finally:
            try:
                self.ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                self.ftp.close()


def _make_dirs(ftp: ftplib.FTP, path: str) -> None:
    current = ""
    for part in path.strip("/").split("/"):
        current += "/" + part
        try:
            ftp.mkd(current)
        except ftplib.error_perm:
            pass  # exists already


def _remove_tree(ftp: ftplib.FTP, path: str) -> None:
    # NLST and trial deletion work on every server (vsftpd has no MLSD)
    try:
        entries = ftp.nlst(path)
    except ftplib.error_perm:
        entries = []  # some servers answer 550 to NLST of an empty folder
    for entry in entries:
        name = entry.rsplit("/", 1)[-1]
        if name in (".", ".."):
            continue
        child = f"{path}/{name}"
        try:
            ftp.delete(child)
        except ftplib.error_perm:
            _remove_tree(ftp, child)
    ftp.rmd(path)
