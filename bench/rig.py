"""A driver on a line: to the emulator (with its FTP server) or to a minimal responder.

Both give a Modem opened and synchronised the same way and an FtpClient, so a
metric runs the same driver calls against either end.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from driver import FtpClient, FtpSettings, Modem
from emulator.emulator import Emulator

from .responder import Answer, PtyResponder


@dataclass
class Rig:
    modem: Modem
    ftp: FtpClient
    root: Path | None = None  # the FTP server's folder (emulator only)
    emulator: Emulator | None = None


@contextlib.contextmanager
def on_emulator(profile=None, **options) -> Iterator[Rig]:
    """Emulator (fast profile unless told), driver opened on its pty, bearer 0 active."""
    with Emulator(profile, **options) as emu:
        with Modem.open(emu.port) as modem:
            modem.activate_bearer(cid=0)
            e = emu.ftp
            ftp = modem.ftp(FtpSettings(host=e.host, port=e.port, user=e.user, password=e.password))
            yield Rig(modem, ftp, e.root, emu)


@contextlib.contextmanager
def on_responder(answer: Answer) -> Iterator[Rig]:
    """A minimal responder on a raw pty, driver opened on it (the settings are never dialled)."""
    with PtyResponder(answer) as responder, Modem.open(responder.port) as modem:
        ftp = modem.ftp(FtpSettings(host="127.0.0.1", user="bench", password="bench"))
        yield Rig(modem, ftp)
