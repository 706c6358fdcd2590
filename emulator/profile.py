"""ModuleProfile: every value a real module might differ on, in one declarative place.

`fast` (the defaults below: no delays, no pacing) is for CI; `realistic` adds the
delays and 115200-baud pacing of a module on a bench. A TOML file overrides any
field of either: top-level `base = "fast" | "realistic"`, then one table per
section (`[identity]`, `[timings]`, ...), e.g.::

    base = "realistic"
    [identity]
    revision = "1951B17SIM7080"
    [timings]
    data_urc_repeat = 2.0
"""

from __future__ import annotations

import copy
import dataclasses
import tomllib
import typing
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass
class Identity:
    manufacturer: str = "SIMCOM_Ltd"  # AT+CGMI, M105 3.2.1
    model: str = "SIMCOM_SIM7080"  # AT+CGMM, M105 3.2.2
    revision: str = "1951B16SIM7080"  # AT+CGMR prints Revision:<this>; a real module's
    ati: str = "R1951.07"  # ATI of the same real module
    imei: str = "869951030006302"  # AT+CGSN, M105 3.2.4 example


@dataclass
class Network:
    sim: str = "READY"  # +CPIN: <this>
    rssi: int = 20  # +CSQ, AN 4.1 example
    ber: int = 0
    registration: int = 1  # +CEREG <stat>: 1 home, 5 roaming
    attached: bool = True  # +CGATT
    operator: str = "CHN-CT"  # +COPS, AN 4.1 example
    access_technology: int = 9  # 9 NB-IoT, 7 LTE-M
    apn: str = "ctnb"  # +CGNAPN, AN 4.1 example
    # address each CNACT context gets when activated
    addresses: list[str] = field(
        default_factory=lambda: ["10.94.36.44", "10.94.36.45", "10.94.36.46", "10.94.36.47"]
    )
    baud: int = 115200  # +IPR at power-on (not auto-baud, so RDY is printed)


@dataclass
class FtpDefaults:
    """Values after power-on; DESIGN.md decision table (the manual's read examples)."""

    port: int = 21
    mode: int = 1  # 1 passive
    type: str = "I"
    putopt: str = "STOR"
    cid: int = 1
    rest: int = 0


@dataclass
class Limits:
    line: int = 559  # command line characters, M105 1.4.4
    server: int = 49  # FTPSERV / FTPUN / FTPPW lengths, M105 15.2.7-9
    user: int = 49
    password: int = 49
    name: int = 64  # FTPGETNAME / FTPPUTNAME on SIM7080, M105 15.2.10/12
    path: int = 255  # FTPGETPATH / FTPPUTPATH, M105 15.2.11/13
    read_length: int = 1460  # FTPGET=2 / FTPLIST=2 <reqlength>, M105 15.2.14
    put_length: int = 1460  # FTPPUT=2 <reqlength> accepted (test response), M105 15.2.15
    put_window: int = 1360  # <maxlength> of +FTPPUT: 1,1,<maxlength>, AN 5.2
    extput_buffer: int = 320 * 1024  # FTPEXTPUT <pos>+<len>, M105 15.2.19
    extget_buffer: int = 300 * 1024  # FTPEXTGET RAM, M105 15.2.23 note
    extget_read: int = 320 * 1024  # FTPEXTGET=3 <len>
    ext_file_name: int = 50  # FTPEXTGET=2 <file_name>
    download_buffer: int = 64 * 1024  # module RAM between the socket and the host (not documented)


@dataclass
class Quirks:
    """Switches for the reference's open points (DESIGN.md decision table)."""

    etput_ok_before_prompt: bool = True  # AN 5.14 shows OK before +FTPETPUT: 2,1
    rest_kept_after_get: bool = True  # FTPREST stays until changed
    config_during_session: str = "ok"  # "ok": applies to the next session; "error": CME 3


@dataclass
class Timings:
    """Module seconds; the emulator's clock scales them by time_scale."""

    data_urc_repeat: float = 10.0  # +FTPGET: 1,1 repeats while data waits unread
    idle_timeout: float = 60.0  # unread data / silent host ends the session with 64
    server_timeout: float = 75.0  # a server that stops answering: 64 (M105 max response)
    connect_latency: float = 0.0  # before the FTP control connection is opened
    command_delay: float = 0.0  # before every response
    command_delays: dict[str, float] = field(default_factory=dict)  # per command, e.g. {"+CNACT": 0.3}
    boot: float = 0.0  # power-on to RDY
    boot_step: float = 0.0  # between the boot URCs
    pdp_activation: float = 0.0  # AT+CNACT=n,1 OK to +APP PDP: n,ACTIVE


@dataclass
class Uart:
    pacing_baud: int = 0  # 0: write as fast as the pty takes it; else 10 bits per byte at this rate


@dataclass
class ModuleProfile:
    name: str = "fast"
    time_scale: float = 1.0  # real seconds per module second
    identity: Identity = field(default_factory=Identity)
    network: Network = field(default_factory=Network)
    ftp: FtpDefaults = field(default_factory=FtpDefaults)
    limits: Limits = field(default_factory=Limits)
    quirks: Quirks = field(default_factory=Quirks)
    timings: Timings = field(default_factory=Timings)
    uart: Uart = field(default_factory=Uart)
    # like a hosts file for AT+FTPSERV: "ftp.example.com" -> "127.0.0.1:2121"
    host_map: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, spec: str | Path | ModuleProfile | None = None, *, _files: tuple = ()) -> ModuleProfile:
        """A profile by name ("fast", "realistic"), from a TOML file, or a copy of one."""
        if spec is None or spec == "fast":
            return cls()
        if isinstance(spec, ModuleProfile):
            return copy.deepcopy(spec)
        if spec in BUILTIN:
            text = resources.files("emulator.profiles").joinpath(f"{spec}.toml").read_text()
            return cls.from_toml(text, name=str(spec))
        path = Path(spec).resolve()
        if path in _files:
            raise ValueError(f"profile {path} is its own base, through: {' -> '.join(map(str, _files))}")
        return cls.from_toml(path.read_text(), name=path.stem, _files=(*_files, path))

    @classmethod
    def from_toml(cls, text: str, name: str = "custom", *, _files: tuple = ()) -> ModuleProfile:
        data = tomllib.loads(text)
        base_name = data.pop("base", "fast")
        if not isinstance(base_name, str):
            raise ValueError(f"profile field base must be a profile name or a path, not {base_name!r}")
        base = cls.load(base_name, _files=_files)  # a built-in name wins over a file of that name
        base.name = name
        return base.merged(data)

    def merged(self, data: dict) -> ModuleProfile:
        """This profile with the values of `data` (a TOML-shaped dict) laid over it."""
        profile = copy.deepcopy(self)
        known = {f.name: f for f in dataclasses.fields(self)}
        hints = typing.get_type_hints(type(self))
        for key, value in data.items():
            if key not in known:
                raise ValueError(f"unknown profile field {key!r}; known: {sorted(known)}")
            current = getattr(profile, key)
            if dataclasses.is_dataclass(current):
                setattr(profile, key, _merge_section(key, current, value))
            else:
                setattr(profile, key, _checked(key, current, value, hints[key]))
        return profile


BUILTIN = ("fast", "realistic")


def _merge_section(section: str, current, values: dict):
    if not isinstance(values, dict):
        raise ValueError(f"profile section [{section}] must be a table")
    fields = {f.name for f in dataclasses.fields(current)}
    hints = typing.get_type_hints(type(current))
    updates = {}
    for key, value in values.items():
        if key not in fields:
            raise ValueError(f"unknown field {key!r} in [{section}]; known: {sorted(fields)}")
        updates[key] = _checked(f"{section}.{key}", getattr(current, key), value, hints[key])
    return dataclasses.replace(current, **updates)


def _checked(name: str, current, value, hint=None):
    if isinstance(current, bool) != isinstance(value, bool):
        raise ValueError(f"profile field {name} must be {type(current).__name__}")
    if isinstance(current, float) and isinstance(value, int):
        return float(value)
    if not isinstance(value, type(current)):
        raise ValueError(f"profile field {name} must be {type(current).__name__}, not {value!r}")
    # the items of a list or the values of a table have a type too (dict[str, float], ...)
    kinds = typing.get_args(hint)
    kind = kinds[-1] if kinds and isinstance(kinds[-1], type) else None
    if isinstance(value, list) and kind is not None:
        return [_checked(f"{name}[{i}]", kind(), item) for i, item in enumerate(value)]
    if isinstance(value, dict) and kind is not None:
        return {key: _checked(f"{name}.{key}", kind(), item) for key, item in value.items()}
    return value
