"""Byte pipes between the module and its host: a pseudo-terminal or a TCP socket."""

from .pty import PtyTransport
from .tcp import TcpTransport

__all__ = ["PtyTransport", "TcpTransport"]
