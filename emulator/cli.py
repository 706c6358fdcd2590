"""`sim7080-emulator` / `python -m emulator`: run a virtual SIM7080 until interrupted."""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from .control.socket_server import ControlServer
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


def _transcript(text: str):
    from driver.transcript import TranscriptError, read_transcript

    try:
        return read_transcript(text)
    except (OSError, TranscriptError) as exc:
        raise argparse.ArgumentTypeError(f"cannot read transcript {text!r}: {exc}") from exc


def _profile(text: str) -> ModuleProfile:
    try:
        return ModuleProfile.load(text)
    except (OSError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"cannot load profile {text!r}: {exc}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sim7080-emulator",
        epilog="Turn knobs of a running emulator: sim7080-emulator control PATH list|status|<knob> [key=value ...]",
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
    control = parser.add_argument_group("control")
    control.add_argument(
        "--scenario", metavar="FILE.toml",
        help="turn the knobs of a scenario file at start (see emulator/control/scenario.py)",
    )  # fmt: skip
    control.add_argument(
        "--control", metavar="PATH",
        help="listen on a local socket for knobs: sim7080-emulator control PATH <knob> [key=value ...]",
    )  # fmt: skip
    transcripts = parser.add_argument_group("transcripts")
    transcripts.add_argument("--record", metavar="FILE", help="record this side of the line (JSON lines)")
    transcripts.add_argument(
        "--replay", metavar="FILE", type=_transcript,
        help="play a transcript back as the module (no FTP server is started)",
    )  # fmt: skip
    transcripts.add_argument(
        "--replay-mode", choices=("strict", "relaxed"), default="strict",
        help="strict: the host writes the recorded bytes; relaxed: commands match by shape",
    )  # fmt: skip
    transcripts.add_argument(
        "--replay-timing", type=float, default=0.0, metavar="F",
        help="replay the recorded gaps times F (default 0: answer at once)",
    )  # fmt: skip
    parser.add_argument(
        "--log-level", default="WARNING", type=str.upper, choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="DEBUG, INFO, WARNING (default), ERROR",
    )  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["control"]:
        from .control.client import main as control_main

        return control_main(argv[1:])
    if argv[:1] == ["conformance"]:
        from .replay.__main__ import main as replay_main

        return replay_main(argv)
    options = build_parser().parse_args(argv)
    logging.basicConfig(level=options.log_level, format="%(asctime)s %(name)s: %(message)s")
    emulator = Emulator(
        options.profile,
        link=options.link,
        tcp=options.tcp,
        ftp_server=not options.no_ftp_server and options.replay is None,
        ftp_root=options.ftp_root,
        ftp_port=options.ftp_port,
        ftp_user=options.ftp_user,
        ftp_password=options.ftp_password,
        time_scale=options.time_scale,
        host_map=dict(options.map_host),
        record=options.record,
        replay=options.replay,
        replay_mode=options.replay_mode,
        replay_timing=options.replay_timing,
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
        control = None
        try:
            if options.scenario:
                emulator.load_scenario(options.scenario)
            if options.control:
                control = ControlServer(emulator, options.control).start()
            _announce(emulator, options.control)
            received = signal.sigwait(stop_signals)
        except (OSError, ValueError) as exc:  # a bad scenario, a control path that cannot be bound
            print(f"sim7080-emulator: {exc}", file=sys.stderr)
            return 1
        finally:
            if control is not None:
                control.stop()
            emulator.close()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    print(f"stopped ({signal.Signals(received).name})", flush=True)
    if emulator.replay is not None:
        print(emulator.replay.summary(), *emulator.replay.mismatches, sep="\n", flush=True)
    return 0


def _announce(emulator: Emulator, control: str | None) -> None:
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
    if emulator.replay is not None:
        print(f"replay: {emulator.replay.script.source} ({emulator.replay.mode})")
    if emulator.recording is not None:
        print(f"record: {emulator.recording.path}")
    if control:
        print(f"control: {control} (sim7080-emulator control {control} list)")
    print("ready; Ctrl-C stops", flush=True)


if __name__ == "__main__":
    sys.exit(main())
