"""Modem: the module as a whole (identity, SIM, bearer), and the door to its FTP client.

    with Modem.open("/dev/ttyUSB0", baudrate=115200) as modem:
        info = modem.initialize()
        ip = modem.activate_bearer(cid=0)
        ftp = modem.ftp(FtpSettings(host="…", user="…", password="…"))

A Modem may be shared by threads: commands are serialised by the channel, FTP
sessions by `ftp_lock`. It watches for the URCs of a module reset (the module
then forgets echo, error mode and every FTP parameter) and for lost bearers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .channel import AtChannel
from .errors import AtError, BearerError, ProtocolError, SimNotReady
from .events import Event, Urc
from .ftp import FtpClient
from .ftp_parameters import FtpParameters
from .ftp_settings import CONTEXTS, FtpSettings
from .response import Response, split_fields
from .status_urcs import BEARER_URC, RESET_URCS, SIM_URC
from .timeouts import Timeouts

IMEI_DIGITS = 15


@dataclass(frozen=True)
class ModuleInfo:
    revision: str  # AT+CGMR without its "Revision:" label, e.g. 1951B16SIM7080
    model: str  # AT+CGMM, e.g. SIMCOM_SIM7080
    imei: str  # AT+CGSN, 15 digits
    sim: str  # AT+CPIN?, READY once initialize() returns


class Modem:
    def __init__(self, channel: AtChannel) -> None:
        self.channel = channel
        self.ftp_lock = threading.RLock()  # one FTP session, open to final URC, at a time
        self.ftp_parameters = FtpParameters(channel)
        self.resets_seen = 0
        self.sim_state: str | None = None  # from the last +CPIN URC or AT+CPIN?
        self.lost_bearers: set[int] = set()  # contexts reported DEACTIVE since activated
        self._needs_setup = False
        self._watch = channel.subscribe((*RESET_URCS, BEARER_URC, SIM_URC), self._on_status_urc)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        baudrate: int = 115200,
        timeouts: Timeouts | None = None,
        recorder=None,
        **serial_options,
    ) -> Modem:
        """Open a pyserial URL and synchronise: drop stale input, AT until OK, ATE0, AT+CMEE=2."""
        channel = AtChannel.open(
            url, baudrate=baudrate, timeouts=timeouts, recorder=recorder, **serial_options
        )
        try:
            modem = cls(channel)
            channel.synchronize()
        except BaseException:
            channel.close()
            raise
        modem._needs_setup = False  # the synchronisation just did the setup
        modem.resets_seen = 0  # boot URCs of a module that just started do not count
        return modem

    def close(self) -> None:
        self._watch.close()
        self.channel.close()

    def __enter__(self) -> Modem:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- commands ------------------------------------------------------------------------------

    def command(self, command: str, *, timeout: float | None = None) -> Response:
        """Any command line, e.g. `modem.command("AT+CSQ").fields("+CSQ:")`."""
        self.ensure_ready()
        return self.channel.command(command, timeout=timeout)

    def ensure_ready(self) -> None:
        """After a module reset: ATE0 and AT+CMEE=2 again (the FTP parameters follow lazily)."""
        if self._needs_setup:
            self._needs_setup = False
            self.channel.command("ATE0")
            self.channel.command("AT+CMEE=2")

    def initialize(self) -> ModuleInfo:
        """Identify the module and check the SIM.

        AT+CGMR -> `Revision:<rev>`; AT+CGMM -> `<model>`; AT+CGSN -> `<imei>`;
        AT+CPIN? -> `+CPIN: READY` (else SimNotReady).
        """
        revision = self._single_line("AT+CGMR")
        model = self._single_line("AT+CGMM")
        imei = self._single_line("AT+CGSN")
        if not (imei.isdigit() and len(imei) == IMEI_DIGITS):
            raise ProtocolError(f"AT+CGSN answered {imei!r}, not {IMEI_DIGITS} digits")
        sim = self.command("AT+CPIN?").line(SIM_URC.strip())[len(SIM_URC) :].strip()
        self.sim_state = sim
        if sim != "READY":
            raise SimNotReady(sim)
        return ModuleInfo(
            revision.partition(":")[2].strip() if ":" in revision else revision, model, imei, sim
        )

    # -- bearer -------------------------------------------------------------------------------------

    def bearer_address(self, cid: int = 0) -> str | None:
        """AT+CNACT? -> `+CNACT: <cid>,<status>,"<ip>"` per context; the IP when active, else None."""
        _check_cid(cid)
        for line in self.command("AT+CNACT?").lines:
            fields = split_fields(line[len("+CNACT:") :])
            if len(fields) >= 3 and fields[0] == str(cid):
                return fields[2] if fields[1] == "1" else None
        raise ProtocolError(f"AT+CNACT? did not list context {cid}")

    def activate_bearer(self, cid: int = 0, *, timeout: float | None = None) -> str:
        """Activate PDP context `cid` unless it is active already; return its IP address.

        AT+CNACT? first (activating an active context answers ERROR on a real module);
        then AT+CNACT=<cid>,1 -> OK, `+APP PDP: <cid>,ACTIVE` (BearerError on DEACTIVE);
        AT+CNACT? again for the address.
        """
        address = self.bearer_address(cid)
        if address is not None:
            return address
        timeouts = self.channel.timeouts
        limit = timeout if timeout is not None else timeouts.scaled(timeouts.bearer)
        command = f"AT+CNACT={cid},1"
        with self.channel.subscribe(f"{BEARER_URC}{cid},") as urcs:
            try:
                self.command(command)
            except AtError:
                # someone else activated it meanwhile?
                address = self.bearer_address(cid)
                if address is not None:
                    return address
                raise
            state = urcs.wait(limit, command).text.split(",")[-1].strip()
        if state != "ACTIVE":
            raise BearerError(f"{command}: the module reported {BEARER_URC}{cid},{state}")
        self.lost_bearers.discard(cid)
        address = self.bearer_address(cid)
        if address is None:
            raise BearerError(f"{BEARER_URC}{cid},ACTIVE but AT+CNACT? lists the context inactive")
        return address

    def deactivate_bearer(self, cid: int = 0, *, timeout: float | None = None) -> None:
        """AT+CNACT=<cid>,0 -> OK, `+APP PDP: <cid>,DEACTIVE`; nothing if already inactive."""
        if self.bearer_address(cid) is None:
            return
        timeouts = self.channel.timeouts
        limit = timeout if timeout is not None else timeouts.scaled(timeouts.bearer)
        command = f"AT+CNACT={cid},0"
        with self.channel.subscribe(f"{BEARER_URC}{cid},") as urcs:
            self.command(command)
            urcs.wait(limit, command)

    # -- FTP -----------------------------------------------------------------------------------------

    def ftp(self, settings: FtpSettings) -> FtpClient:
        """An FTP client using `settings`; nothing is sent until its first operation."""
        return FtpClient(self, settings)

    # -- helpers ---------------------------------------------------------------------------------------

    def _single_line(self, command: str) -> str:
        lines = self.command(command).lines
        if len(lines) != 1:
            raise ProtocolError(f"{command} answered {lines!r}, expected one line")
        return lines[0].strip()

    def _on_status_urc(self, event: Event) -> None:
        # runs on the reader thread: no commands from here
        if not isinstance(event, Urc):
            return
        text = event.text
        if text.startswith(RESET_URCS):
            if not self._needs_setup:  # one reboot prints several of them
                self.resets_seen += 1
            self._needs_setup = True
            self.ftp_parameters.forget_all()
            self.lost_bearers.update(CONTEXTS)
        elif text.startswith(BEARER_URC):
            fields = text[len(BEARER_URC) :].split(",")
            if len(fields) == 2 and fields[0].isdigit() and fields[1].strip() == "DEACTIVE":
                self.lost_bearers.add(int(fields[0]))
        elif text.startswith(SIM_URC):
            self.sim_state = text[len(SIM_URC) :].strip()


def _check_cid(cid: int) -> None:
    if cid not in CONTEXTS:
        raise ValueError(f"cid {cid} is outside 0-3")
