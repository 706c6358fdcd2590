"""The suite's command-line options, each also read from an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

EMULATOR = "emulator"


@dataclass(frozen=True)
class Option:
    flag: str
    env: str
    default: str | None
    help: str
    metavar: str | None = None

    @property
    def dest(self) -> str:
        return "hil_" + self.flag.lstrip("-").replace("-", "_")


OPTIONS = (
    Option("--modem", "SIM7080_MODEM", EMULATOR,
           "'emulator' (default), or the module's port: /dev/ttyUSB0, rfc2217://bench:4001, socket://host:port",
           "emulator|PORT_OR_URL"),
    Option("--baud", "SIM7080_BAUD", "115200", "serial speed of a physical module", "N"),
    Option("--ftp-server", "SIM7080_FTP_SERVER", None,
           "the FTP server the module dials (with the emulator: its embedded server by default)", "HOST[:PORT]"),
    Option("--ftp-user", "SIM7080_FTP_USER", None, "user on that server", "USER"),
    Option("--ftp-password", "SIM7080_FTP_PASSWORD", None, "password on that server", "PASSWORD"),
    Option("--ftp-host-address", "SIM7080_FTP_HOST_ADDRESS", None,
           "how this test host reaches the same server, when that differs (NAT)", "HOST[:PORT]"),
    Option("--ftp-dir", "SIM7080_FTP_DIR", "/hil", "scratch folder on the server; each test gets its own inside",
           "PATH"),
    Option("--apn", "SIM7080_APN", "", "APN for the bearer (AT+CNCFG); empty: the network's default", "APN"),
    Option("--cid", "SIM7080_CID", "0", "PDP context used for FTP (AT+FTPCID / AT+CNACT)", "N"),
    Option("--emulator-profile", "SIM7080_EMULATOR_PROFILE", "fast", "emulator profile", "fast|realistic|FILE.toml"),
    Option("--hardware-timeout", "SIM7080_HARDWARE_TIMEOUT", "300",
           "per-test timeout in seconds on a physical module (the emulator uses pytest's timeout)", "SECONDS"),
    Option("--transcripts", "SIM7080_TRANSCRIPTS", None,
           "keep every test's transcript in DIR; without it only a failing test's is kept, in a temporary folder",
           "DIR"),
    Option("--transcript-tail", "SIM7080_TRANSCRIPT_TAIL", "12",
           "exchanges of the transcript shown in a failure report", "N"),
    Option("--redact-commands", "SIM7080_REDACT_COMMANDS", "",
           "more AT commands whose values are masked in transcripts and messages, comma-separated "
           "(FTPPW and FTPUN always are)", "NAME,..."),
    Option("--redact-values", "SIM7080_REDACT_VALUES", "",
           "literal strings masked wherever they appear, comma-separated, 4 characters or more "
           "(the FTP password always is)", "TEXT,..."),
)  # fmt: skip


def add_options(parser) -> None:
    group = parser.getgroup("sim7080-hil", "SIM7080 HIL target (each option also reads its environment variable)")
    for option in OPTIONS:
        group.addoption(
            option.flag,
            dest=option.dest,
            default=None,
            metavar=option.metavar,
            help=f"{option.help} [env {option.env}; default {option.default!r}]",
        )


def _host_port(text: str | None, default_port: int) -> tuple[str, int] | None:
    if not text:
        return None
    host, sep, port = text.rpartition(":")
    if sep and port.isdigit():
        return host, int(port)
    return text, default_port


def _items(text: str | None) -> tuple[str, ...]:
    return tuple(item.strip() for item in (text or "").split(",") if item.strip())


@dataclass(frozen=True)
class HilOptions:
    modem: str
    baud: int
    ftp_server: tuple[str, int] | None
    # kept out of repr: pytest prints fixture values in failure reports
    ftp_user: str | None = field(repr=False)
    ftp_password: str | None = field(repr=False)
    ftp_host_address: tuple[str, int] | None
    ftp_dir: str
    apn: str
    cid: int
    emulator_profile: str
    hardware_timeout: float
    transcripts: str | None
    transcript_tail: int
    redact_commands: tuple[str, ...]
    redact_values: tuple[str, ...] = field(repr=False)

    @property
    def on_emulator(self) -> bool:
        return self.modem == EMULATOR

    @classmethod
    def from_config(cls, config) -> HilOptions:
        values = {}
        for option in OPTIONS:
            value = config.getoption(option.dest)
            if value is None:
                value = os.environ.get(option.env, option.default)
            values[option.dest[len("hil_") :]] = value
        return cls(
            modem=values["modem"],
            baud=int(values["baud"]),
            ftp_server=_host_port(values["ftp_server"], 21),
            ftp_user=values["ftp_user"],
            ftp_password=values["ftp_password"],
            ftp_host_address=_host_port(values["ftp_host_address"], 21),
            ftp_dir="/" + values["ftp_dir"].strip("/"),
            apn=values["apn"],
            cid=int(values["cid"]),
            emulator_profile=values["emulator_profile"],
            hardware_timeout=float(values["hardware_timeout"]),
            transcripts=values["transcripts"] or None,
            transcript_tail=int(values["transcript_tail"]),
            redact_commands=_items(values["redact_commands"]),
            redact_values=_items(values["redact_values"]),
        )
