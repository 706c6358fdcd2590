"""Server-side FTP faults: the embedded pyftpdlib server misbehaves on demand.

The module reports an FTP failure by the step it happened in; each knob makes a real
server fail at that step, over real sockets:

| module error                        | knob                                              |
|-------------------------------------|---------------------------------------------------|
| 65 server refusal                   | reply(None, 421) (greeting), reply(cmd, 4xx/5xx)  |
| 70 unparsable reply                 | garbage(cmd or None), reply("PASV", 227, "junk")  |
| 71 USER / 72 PASS rejected          | reply("USER", 530) / refuse_login()               |
| 73 TYPE / 74 REST rejected          | reply("TYPE", 504) / reply("REST", 502)           |
| 75 PASV / 76 PORT failed            | reply("PASV", 421) / reply("PORT", 500)           |
| 77 the command failed               | reply("RETR", 550), reply("DELE", 550), ...       |
| 78/79 data connection cut           | cut_data(n)                                       |
| 64 server stops answering           | stall(seconds, cmd or None)                       |
| slow link                           | throttle(bytes_per_second)                        |

EmbeddedFtpServer builds its handler with handler_with_faults() and exposes the rules as
`server.faults`; with no rule set the server is plain pyftpdlib.
"""

from __future__ import annotations

from pyftpdlib.handlers import FTPHandler, ThrottledDTPHandler

from .control import ControlChannelFaults
from .data import DataChannelFaults
from .rules import GREETING
from .server_faults import ServerFaults

__all__ = ["GREETING", "ServerFaults", "handler_with_faults"]


def handler_with_faults(
    base: type[FTPHandler], faults: ServerFaults, **attributes
) -> type[FTPHandler]:
    """A subclass of `base` (and of its data handler) that obeys `faults`.

    Call it once per server: the rules live on the subclasses, so two servers in one
    process never share them. `attributes` become class attributes (e.g. authorizer).
    """
    dtp = base.dtp_handler
    # ThrottledDTPHandler ahead of a plain base: its throttling wraps the base's I/O
    if issubclass(dtp, ThrottledDTPHandler):
        dtp_bases = (DataChannelFaults, dtp)
    else:
        dtp_bases = (DataChannelFaults, ThrottledDTPHandler, dtp)
    data_handler = type(f"{dtp.__name__}WithFaults", dtp_bases, {"faults": faults})
    namespace = {"faults": faults, "dtp_handler": data_handler, **attributes}
    return type(f"{base.__name__}WithFaults", (ControlChannelFaults, base), namespace)
