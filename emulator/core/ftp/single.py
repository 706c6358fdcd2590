"""Operations without a data phase: DELE, SIZE, MKD, RMD, RENAME, MDTM."""

from .session import Session


class SingleSession(Session):
    def __init__(self, service, job, cid, prefix: str) -> None:
        super().__init__(service, job, cid)
        self.prefix = prefix


class SizeSession(SingleSession):
    """+FTPSIZE: 1,0,<size>; a failure still carries a size field: +FTPSIZE: 1,<err>,0."""

    def success_urc(self, value) -> str:
        return f"{self.prefix}: 1,0,{value}"

    def failure_urc(self, code: int) -> str:
        return f"{self.prefix}: 1,{code},0"


class MdtmSession(SingleSession):
    """+FTPMDTM: 1,0,YYYYMMDDHHMMSS."""

    def success_urc(self, value) -> str:
        return f"{self.prefix}: 1,0,{value}"
