"""One FTP session of every kind the driver has, recorded against the emulator, and run
again against whatever plays the module: a replay must give the same results."""

from __future__ import annotations

from pathlib import Path

from driver import FtpSettings, Modem
from driver.transcript import TranscriptWriter

SEEDED = "/data/seeded.bin"
# every byte value, and the module's own tokens inside the data
CONTENT = bytes(range(256)) * 7 + b"\r\nOK\r\n+FTPGET: 1,0\r\n\x03\x10"
UPLOAD = b"upload \x03\x10 \r\nERROR\r\n" * 150


def seed(root: str | Path) -> None:
    (Path(root) / "data").mkdir()
    (Path(root) / SEEDED.lstrip("/")).write_bytes(CONTENT)


def settings_for(endpoint) -> FtpSettings:
    return FtpSettings(host=endpoint.host, port=endpoint.port, user=endpoint.user, password=endpoint.password)


def run_session(port: str, settings: FtpSettings, recorder=None) -> list:
    """Open the port, set up, and use every FTP operation once; what each returned, in order."""
    results: list = []
    with Modem.open(port, recorder=recorder) as modem:
        results.append(modem.initialize())
        results.append(modem.activate_bearer(0))
        ftp = modem.ftp(settings)
        results.append(ftp.get(SEEDED))
        results.append(ftp.put("/data/up.bin", UPLOAD))
        # verify=False: the explicit size() below is the session's one AT+FTPSIZE exchange
        results.append(ftp.get_transparent("/data/up.bin", verify=False))
        results.append(ftp.put_transparent("/data/escaped.bin", UPLOAD[:100], verify=False))
        results.append(ftp.size("/data/escaped.bin"))
        results.append(ftp.get_extended(SEEDED))
        results.append(ftp.put_extended("/data/extended.bin", UPLOAD[:2000]))
        results.append(ftp.mdtm("/data/extended.bin"))
        results.append(ftp.rename("/data/extended.bin", "/data/renamed.bin"))
        results.append(ftp.mkdir("/data/sub/"))
        results.append(ftp.list("/data/"))
        results.append(ftp.rmdir("/data/sub/"))
        results.append(ftp.delete("/data/renamed.bin"))
        results.append(modem.channel.unconsumed())
    return results


def record_session(emulator, path: str | Path) -> list:
    """Run the session against `emulator` (seeded), recorded by the driver into `path`."""
    seed(emulator.ftp.root)
    with TranscriptWriter(path, target="emulator", port=emulator.port, test="round trip") as recorder:
        return run_session(emulator.port, settings_for(emulator.ftp), recorder)
