"""A whole session with awkward credentials, echo on and the secrets read back: neither the
driver's transcript nor the emulator's own holds the password or the user name anywhere."""

from __future__ import annotations

import pytest

from driver import FtpSettings, Modem, redact
from driver.redact import Redactor
from driver.transcript import TranscriptWriter, read_transcript
from emulator.emulator import Emulator

PASSWORD = "p@ss;w,rd=%$! x\\y"  # quotes-free, every other character an AT string can carry
USER = "us;er,name=7 z"


class Tee:
    """Two recorders of the same traffic."""

    def __init__(self, *recorders) -> None:
        self.recorders = recorders

    def on_read(self, data: bytes) -> None:
        for recorder in self.recorders:
            recorder.on_read(data)

    def on_write(self, data: bytes) -> None:
        for recorder in self.recorders:
            recorder.on_write(data)


@pytest.fixture
def password_listed():
    """As the plugin does: the password is also masked wherever else it shows up."""
    previous = redact.configure(values=[PASSWORD])
    yield
    redact.restore(previous)


def test_no_secret_in_any_transcript(tmp_path, password_listed):
    host_side, module_side, unmasked = tmp_path / "host.jsonl", tmp_path / "module.jsonl", tmp_path / "raw.jsonl"
    with Emulator(ftp_user=USER, ftp_password=PASSWORD, record=module_side) as emulator:
        (emulator.ftp.root / "in.bin").write_bytes(b"the password is " + PASSWORD.encode())
        settings = FtpSettings(host=emulator.ftp.host, port=emulator.ftp.port, user=USER, password=PASSWORD)
        with TranscriptWriter(host_side) as masked, TranscriptWriter(unmasked, redactor=Redactor((), ())) as raw:
            with Modem.open(emulator.port, recorder=Tee(masked, raw)) as modem:
                modem.command("ATE1")  # the module now repeats every line, the secrets included
                modem.initialize()
                modem.activate_bearer(0)
                ftp = modem.ftp(settings)
                assert ftp.get("/in.bin") == b"the password is " + PASSWORD.encode()  # the login worked
                ftp.put("/out.bin", PASSWORD.encode() * 3)
                assert modem.command("AT+FTPPW?").lines == (f'+FTPPW: "{PASSWORD}"',)
                assert modem.command("AT+FTPUN?").lines == (f'+FTPUN: "{USER}"',)
    # the control: unmasked, both secrets are there, in both directions
    control = read_transcript(unmasked)
    for secret in (PASSWORD, USER):
        assert secret.encode() in control.bytes_to_module() and secret.encode() in control.bytes_from_module()
    for path in (host_side, module_side):
        transcript = read_transcript(path)
        everything = path.read_bytes() + transcript.bytes_to_module() + transcript.bytes_from_module()
        for secret in (PASSWORD, USER, "p@ss;w,rd", "us;er,name"):
            assert secret.encode() not in everything, (path.name, secret)
        assert b'AT+FTPPW="***"\r' in transcript.bytes_to_module()
        assert b'+FTPUN: "***"' in transcript.bytes_from_module()
        assert b"the password is " + b"*" * len(PASSWORD.encode()) in transcript.bytes_from_module()
