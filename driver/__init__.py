"""A driver for the FTP AT commands of the SIMCom SIM7080 series, on pyserial.

    from driver import Modem, FtpSettings, FtpError
    with Modem.open("/dev/ttyUSB0", baudrate=115200) as modem:   # any pyserial URL
        modem.initialize()
        modem.activate_bearer(cid=0)
        ftp = modem.ftp(FtpSettings(host="ftp.example.com", user="u", password="p"))
        data = ftp.get("/dir/file.bin")

Layers: AtParser (sans-I/O) < AtChannel (reader thread) < Modem / FtpClient.
"""

from .channel import AtChannel
from .errors import (
    AtError,
    AtTimeout,
    BearerError,
    ChannelClosed,
    CmeCode,
    CmeError,
    DriverError,
    ModuleReset,
    ProtocolError,
    SimNotReady,
    TransferMismatch,
)
from .ftp import FtpClient
from .ftp_errors import (
    FtpAuthenticationError,
    FtpCode,
    FtpConnectionError,
    FtpError,
    FtpFileError,
    FtpNotAllowedError,
    FtpQuitError,
    FtpRemoteError,
    FtpTimeoutError,
    FtpTransferError,
)
from .ftp_settings import FtpSettings
from .modem import Modem, ModuleInfo
from .parser import AtParser
from .response import Response
from .timeouts import Timeouts
from .transcript import MemoryTranscript

__all__ = [
    "AtChannel",
    "AtError",
    "AtParser",
    "AtTimeout",
    "BearerError",
    "ChannelClosed",
    "CmeCode",
    "CmeError",
    "DriverError",
    "FtpAuthenticationError",
    "FtpClient",
    "FtpCode",
    "FtpConnectionError",
    "FtpError",
    "FtpFileError",
    "FtpNotAllowedError",
    "FtpQuitError",
    "FtpRemoteError",
    "FtpSettings",
    "FtpTimeoutError",
    "FtpTransferError",
    "MemoryTranscript",
    "Modem",
    "ModuleInfo",
    "ModuleReset",
    "ProtocolError",
    "Response",
    "SimNotReady",
    "Timeouts",
    "TransferMismatch",
]
