"""Everything the module remembers between commands; lost on reboot (NO_SAVE)."""

from dataclasses import dataclass, field

from ..profile import ModuleProfile

CONTEXTS = 4  # AT+CNACT <pdpidx> 0-3, M105 7.2.1
NO_ADDRESS = "0.0.0.0"


@dataclass
class Bearer:
    """One AT+CNACT context and its AT+CNCFG configuration."""

    active: bool = False
    address: str = NO_ADDRESS
    ip_type: int = 0
    apn: str = ""
    user: str = ""
    password: str = ""
    auth: int = 0


@dataclass
class FtpConfig:
    """The FTP parameters of section 3 of the reference; strings as the host set them."""

    port: int
    mode: int
    type: str
    putopt: str
    cid: int
    rest: int
    server: str = ""
    user: str = ""
    password: str = ""
    get_name: str = ""
    get_path: str = ""
    put_name: str = ""
    put_path: str = ""

    @classmethod
    def initial(cls, profile: ModuleProfile) -> "FtpConfig":
        d = profile.ftp
        return cls(port=d.port, mode=d.mode, type=d.type, putopt=d.putopt, cid=d.cid, rest=d.rest)


@dataclass
class ModuleState:
    echo: bool = True  # ATE1 at power-on, M105 2.2.3
    verbose: bool = True  # ATV1
    cmee: int = 0  # AT+CMEE, M105 3.2.8
    dcd_mode: int = 1  # AT&C
    cfun: int = 1
    baud: int = 115200
    sim: str = "READY"
    rssi: int = 99
    ber: int = 99
    cereg_mode: int = 0
    registration: int = 0
    attached: bool = False
    operator: str = ""
    access_technology: int = 0
    apn: str = ""
    bearers: list[Bearer] = field(default_factory=lambda: [Bearer() for _ in range(CONTEXTS)])
    activating: set[int] = field(default_factory=set)  # AT+CNACT=n,1 answered, URC not yet out
    ftp: FtpConfig | None = None

    @classmethod
    def initial(cls, profile: ModuleProfile) -> "ModuleState":
        net = profile.network
        return cls(
            baud=net.baud,
            sim=net.sim,
            rssi=net.rssi,
            ber=net.ber,
            registration=net.registration,
            attached=net.attached,
            operator=net.operator,
            access_technology=net.access_technology,
            apn=net.apn,
            ftp=FtpConfig.initial(profile),
        )

    @property
    def radio_on(self) -> bool:
        return self.cfun == 1
