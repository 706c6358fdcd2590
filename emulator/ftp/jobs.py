"""The contract between the module core and the FTP engine: jobs, actions, events.

Pure data. The core emits actions (start a job, upload bytes, grant buffer
space, abort); the engine's workers post events back (data arrived, transfer
open, done with a module result code). Events name their session, so an event
from an aborted session is recognised as stale and ignored.
"""

from dataclasses import dataclass
from enum import Enum


class Operation(Enum):
    RETRIEVE = "RETR"
    LIST = "LIST"
    STORE = "STOR"  # the verb itself (STOR/APPE/STOU) is in FtpJob.store_verb
    DELETE = "DELE"
    SIZE = "SIZE"
    MKDIR = "MKD"
    RMDIR = "RMD"
    RENAME = "RNFR"
    MDTM = "MDTM"

    @property
    def has_data_connection(self) -> bool:
        return self in (Operation.RETRIEVE, Operation.LIST, Operation.STORE)


@dataclass(frozen=True)
class FtpJob:
    session: int
    operation: Operation
    host: str
    port: int
    user: str
    password: str
    path: str
    binary: bool = True
    passive: bool = True
    rest: int = 0  # REST offset before RETR (AT+FTPREST)
    store_verb: str = "STOR"  # AT+FTPPUTOPT
    new_path: str = ""  # RNTO target
    payload: bytes | None = None  # whole upload (extended PUT); None: streamed by UploadData
    window: int = 65536  # bytes the worker may read before the module grants more
    connect_delay: float = 0.0  # module seconds before connecting
    timeout: float = 75.0  # module seconds of server silence before giving up (64)


# -- actions: core -> engine ----------------------------------------------------------------


@dataclass(frozen=True)
class StartJob:
    job: FtpJob


@dataclass(frozen=True)
class UploadData:
    session: int
    data: bytes


@dataclass(frozen=True)
class FinishUpload:
    session: int


@dataclass(frozen=True)
class Credit:
    """The host read `amount` buffered bytes: the worker may read that much more."""

    session: int
    amount: int


@dataclass(frozen=True)
class AbortJob:
    session: int


# -- events: engine -> core ------------------------------------------------------------------


@dataclass(frozen=True)
class TransferOpen:
    """The data connection is open and the server accepted the transfer command."""

    session: int


@dataclass(frozen=True)
class DataArrived:
    session: int
    data: bytes


@dataclass(frozen=True)
class UploadSent:
    """One UploadData chunk has been handed to the data connection."""

    session: int


@dataclass(frozen=True)
class JobDone:
    """The session is over: result 0 or a module error code; value for SIZE/MDTM."""

    session: int
    result: int
    value: str | int | None = None


SESSION_ACTIONS = (UploadData, FinishUpload, Credit, AbortJob)  # those aimed at a running worker
ENGINE_EVENTS = (TransferOpen, DataArrived, UploadSent, JobDone)
