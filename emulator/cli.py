"""`sim7080-emulator` / `python -m emulator`: run a virtual SIM7080 until interrupted."""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from .emulator import Emulator
from .profile import ModuleProfile


def _host_port(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host or "127.0.0.1", int(port)


def _host_mapping(text: str) -> tuple[str, str]:
    name, sep, target = text.partition("=")
    if not sep or not name or not target:
        raise argparse.ArgumentTypeError(f"expected NAME=HOST[:PORT], got {text!r}")
    return name, target


def _time_scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _profile(text: str) -> ModuleProfile:
    try:
        return ModuleProfile.load(text)
    except (OSError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"cannot load profile {text!r}: {exc}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sim7080-emulator",
        description="A virtual SIMCom SIM7080 on a pseudo-terminal (or TCP), performing its "
        "FTP commands against a real FTP server.",
    )
    serial = parser.add_argument_group("serial side")
    serial.add_argument("--link", metavar="PATH", help="stable symlink to the pty (e.g. /tmp/sim7080)")
    serial.add_argument(
        "--tcp", metavar="HOST:PORT", type=_host_port,
        help="serve the module on a TCP socket instead of a pty (pyserial: socket://HOST:PORT)",
    )  # fmt: skip
    ftp = parser.add_argument_group("embedded FTP server")
    ftp.add_argument("--ftp-root", metavar="DIR", help="folder served (default: a new temporary one)")
    ftp.add_argument("--ftp-port", metavar="N", type=int, default=0, help="0: any free port (default)")
    ftp.add_argument("--ftp-user", metavar="U", help="default: generated")
    ftp.add_argument("--ftp-password", metavar="P", help="default: generated")
    ftp.add_argument(
        "--no-ftp-server", action="store_true",
        help="start no server; the module dials whatever AT+FTPSERV names",
    )  # fmt: skip
    module = parser.add_argument_group("module")
    module.add_argument(
        "--profile", default=ModuleProfile.load("fast"), type=_profile,
        metavar="fast|realistic|FILE.toml", help="module profile (default: fast)",
    )  # fmt: skip
    module.add_argument("--time-scale", type=_time_scale, metavar="F", help="real seconds per module second")
    module.add_argument(
        "--map-host", action="append", default=[], type=_host_mapping, metavar="NAME=HOST[:PORT]",
        help="dial HOST[:PORT] when AT+FTPSERV names NAME (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--log-level", default="WARNING", type=str.upper, choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="DEBUG, INFO, WARNING (default), ERROR",
    )  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    logging.basicConfig(level=options.log_level, format="%(asctime)s %(name)s: %(message)s")
    emulator = Emulator(
        options.profile,
        link=options.link,
        tcp=options.tcp,
        ftp_server=not options.no_ftp_server,
        ftp_root=options.ftp_root,
        ftp_port=options.ftp_port,
        ftp_user=options.ftp_user,
        ftp_password=options.ftp_password,
        time_scale=options.time_scale,
        host_map=dict(options.map_host),
    )
    # Blocked before any thread starts (threads inherit the mask), then waited for:
    # a handler plus signal.pause() would miss a signal landing just before the pause.
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    try:
        try:
            emulator.start()
        except OSError as exc:  # a taken --ftp-port, a --link over a file, ...
            print(f"sim7080-emulator: cannot start: {exc}", file=sys.stderr)
            return 1
        try:
            _announce(emulator)
            received = signal.sigwait(stop_signals)
        finally:
            emulator.close()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    print(f"stopped ({signal.Signals(received).name})", flush=True)
    return 0


def _announce(emulator: Emulator) -> None:
    profile = emulator.profile
    print(f"sim7080-emulator: profile {profile.name}, time scale {emulator.time_scale:g}")
    transport = emulator.transport
    if getattr(transport, "link", None):
        print(f"serial: {transport.link} -> {transport.device}")
    else:
        print(f"serial: {emulator.port}")
    ftp = emulator.ftp
    if ftp is not None:
        print(f"ftp: {ftp.address} user={ftp.user} password={ftp.password} root={ftp.root}")
    else:
        print("ftp: none (the module dials the server AT+FTPSERV names)")
    print("ready; Ctrl-C stops", flush=True)


if __name__ == "__main__":
    sys.exit(main())
