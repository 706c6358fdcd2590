"""FtpSettings: the server and session options of the module's FTP client."""

from __future__ import annotations

from dataclasses import dataclass

from .ftp_paths import MAX_SERVER_FIELD, check_length, check_text

CONTEXTS = range(0, 4)  # AT+FTPCID takes a CNACT context 0-3, M105 15.2.5


@dataclass(frozen=True)
class FtpSettings:
    host: str
    port: int = 21
    user: str = "anonymous"
    password: str = ""
    passive: bool = True  # AT+FTPMODE=1 (PASV); False: AT+FTPMODE=0 (PORT)
    binary: bool = True  # AT+FTPTYPE="I"; False: "A", which clears bit 7 of every byte
    cid: int = 0  # the AT+CNACT context the session uses

    def __post_init__(self) -> None:
        if not self.host:
            raise ValueError("FtpSettings.host is empty")
        for what, value in (("host", self.host), ("user", self.user), ("password", self.password)):
            check_text(value, what)
            check_length(value, MAX_SERVER_FIELD, what)
        if not 1 <= self.port <= 65535:
            raise ValueError(f"port {self.port} is outside 1-65535")
        if self.cid not in CONTEXTS:
            raise ValueError(f"cid {self.cid} is outside 0-3")

    def __repr__(self) -> str:  # keeps the account out of logs and test reports (as transcripts do)
        return (
            f"FtpSettings(host={self.host!r}, port={self.port}, user='***', password='***', "
            f"passive={self.passive}, binary={self.binary}, cid={self.cid})"
        )
