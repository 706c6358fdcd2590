"""The test's own view of an FTP server, through ftplib (never through the emulator)."""

from __future__ import annotations

import ftplib
import io


class ServerView:
    def __init__(self, host: str, port: int, user: str, password: str) -> None:
        self.ftp = ftplib.FTP()
        self.ftp.connect(host, port, timeout=10)
        self.ftp.login(user, password)

    @classmethod
    def of(cls, endpoint) -> ServerView:
        return cls(endpoint.host, endpoint.port, endpoint.user, endpoint.password)

    def read(self, path: str) -> bytes:
        out = io.BytesIO()
        self.ftp.retrbinary(f"RETR {path}", out.write)
        return out.getvalue()

    def write(self, path: str, data: bytes) -> None:
        self.ftp.storbinary(f"STOR {path}", io.BytesIO(data))

    def names(self, path: str = "/") -> list[str]:
        return sorted(name.rsplit("/", 1)[-1] for name in self.ftp.nlst(path))

    def mdtm(self, path: str) -> str:
        return self.ftp.sendcmd(f"MDTM {path}")[4:].strip()

    def close(self) -> None:
        try:
            self.ftp.quit()
        except (OSError, EOFError, ftplib.Error):
            self.ftp.close()

    def __enter__(self) -> ServerView:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
