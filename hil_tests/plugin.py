"""The pytest plugin behind hil_tests: target selection, fixtures, health of the module.

Loaded by the root conftest.py. One option picks the target: `--modem emulator`
(the default: one in-process emulator per session, or per xdist worker) or
`--modem PORT_OR_URL` for a physical module.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

import pytest

from driver import redact

from . import hypothesis_profiles
from .options import HilOptions, add_options
from .remote import RemoteFolder
from .target import EMULATOR_CONTROL, Target
from .transcripts import SECTION, TestTranscripts

_OPTIONS = pytest.StashKey[HilOptions]()
_TARGET = pytest.StashKey[Target]()
_PREVIOUS_PROFILE = pytest.StashKey[str]()
_TRANSCRIPTS = pytest.StashKey[TestTranscripts]()
_REDACTOR = pytest.StashKey[redact.Redactor]()  # the one before this session, restored after


def pytest_addoption(parser) -> None:
    add_options(parser)


def pytest_configure(config) -> None:
    options = HilOptions.from_config(config)
    config.stash[_OPTIONS] = options
    config.stash[_PREVIOUS_PROFILE] = hypothesis_profiles.choose(config, options.on_emulator)
    try:  # masks transcripts and the driver's error messages alike
        config.stash[_REDACTOR] = redact.configure(options.redact_commands, options.redact_values)
    except ValueError as exc:
        raise pytest.UsageError(f"--redact-commands / --redact-values: {exc}") from None
    config.stash[_TRANSCRIPTS] = TestTranscripts(options.transcripts, options.transcript_tail)


def pytest_unconfigure(config) -> None:
    # an inner session (pytester) must hand the outer one back what it found
    if _REDACTOR in config.stash:
        redact.restore(config.stash[_REDACTOR])
    if _TRANSCRIPTS in config.stash:
        config.stash[_TRANSCRIPTS].close()
    if _PREVIOUS_PROFILE in config.stash:
        hypothesis_profiles.restore(config.stash[_PREVIOUS_PROFILE])


def pytest_report_header(config) -> str:
    options = config.stash[_OPTIONS]
    where = "the emulator" if options.on_emulator else options.modem
    return f"sim7080-hil target: {where}"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items) -> None:
    options = config.stash[_OPTIONS]
    if options.on_emulator:
        return
    for item in items:  # a module on a bench answers in seconds, not milliseconds
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(options.hardware_timeout))


def pytest_runtest_setup(item) -> None:
    target = item.config.stash.get(_TARGET, None)
    if target is not None and target.broken:
        pytest.skip(f"the module stopped answering: {target.broken}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"hil_report_{report.when}", report)
    transcripts = item.config.stash.get(_TRANSCRIPTS, None)
    if transcripts is not None:
        if report.failed and (section := transcripts.section(item)) is not None:
            report.sections.append((SECTION, section))
        if report.when == "teardown":
            phases = (getattr(item, f"hil_report_{when}", None) for when in ("setup", "call", "teardown"))
            transcripts.finished(item, failed=any(r is not None and r.failed for r in phases))
    return report


# -- fixtures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FtpAccount:
    """The server the module dials, and how this host reaches the same server."""

    module_host: str
    module_port: int
    host_host: str
    host_port: int
    user: str = field(repr=False)  # pytest prints fixture values in failure reports
    password: str = field(repr=False)


@pytest.fixture(scope="session")
def hil_options(pytestconfig) -> HilOptions:
    return pytestconfig.stash[_OPTIONS]


@pytest.fixture(scope="session")
def emulator_session(hil_options):
    """The in-process emulator of this session (None on hardware)."""
    if not hil_options.on_emulator:
        yield None
        return
    from emulator.emulator import Emulator

    with Emulator(hil_options.emulator_profile, ftp_server=hil_options.ftp_server is None) as emulator:
        yield emulator


@pytest.fixture(scope="session")
def ftp_account(hil_options, emulator_session) -> FtpAccount:
    if hil_options.ftp_server is None:
        if emulator_session is None:
            raise pytest.UsageError("--ftp-server is required with a physical module")
        endpoint = emulator_session.ftp
        account = FtpAccount(endpoint.host, endpoint.port, endpoint.host, endpoint.port, endpoint.user,
                             endpoint.password)  # fmt: skip
    else:
        if hil_options.ftp_user is None or hil_options.ftp_password is None:
            raise pytest.UsageError("--ftp-server needs --ftp-user and --ftp-password")
        host, port = hil_options.ftp_server
        host_host, host_port = hil_options.ftp_host_address or (host, port)
        account = FtpAccount(host, port, host_host, host_port, hil_options.ftp_user, hil_options.ftp_password)
    # AT+FTPPW is masked anyway; this also masks the password wherever else a test puts it
    redact.add_values(account.password)
    return account


@pytest.fixture(scope="session")
def hil_transcripts(pytestconfig, tmp_path_factory) -> TestTranscripts:
    transcripts = pytestconfig.stash[_TRANSCRIPTS]
    transcripts.temp_folder = lambda: tmp_path_factory.mktemp("sim7080-transcripts")
    return transcripts


@pytest.fixture(scope="session")
def target(pytestconfig, hil_options, emulator_session, record_testsuite_property) -> Target:
    """What the suite runs against; its identity is recorded in the junit report."""
    from driver import Modem

    if emulator_session is not None:
        found = Target("emulator", emulator_session.port, capabilities=frozenset({EMULATOR_CONTROL}))
    else:
        found = Target("hardware", hil_options.modem)
    with Modem.open(found.port, baudrate=hil_options.baud) as modem:
        info = modem.initialize()
    found.revision, found.model, found.imei = info.revision, info.model, info.imei
    for name, value in (("target", found.kind), ("port", found.port), ("firmware_revision", found.revision),
                        ("model", found.model), ("imei", found.imei)):  # fmt: skip
        record_testsuite_property(name, value)
    pytestconfig.stash[_TARGET] = found
    return found


@pytest.fixture
def modem(request, target, hil_options, emulator_session, hil_transcripts):
    """An initialised driver with its bearer active, its traffic recorded (hil_tests.transcripts);
    fails the test if it leaves bytes unread."""
    from driver import AtTimeout, Modem

    if emulator_session is not None:
        emulator_session.reset()
    recorder = hil_transcripts.open(request.node, target)
    request.addfinalizer(recorder.close)  # runs after this fixture's own teardown, also after a failed setup
    try:
        driver = Modem.open(target.port, baudrate=hil_options.baud, recorder=recorder)
    except Exception as exc:
        target.broken = f"cannot open {target.port}: {exc}"
        raise
    try:
        driver.initialize()
        if hil_options.apn and driver.bearer_address(hil_options.cid) is None:
            driver.command(f'AT+CNCFG={hil_options.cid},1,"{hil_options.apn}"')
        driver.activate_bearer(cid=hil_options.cid)
    except AtTimeout as exc:
        driver.close()
        target.broken = f"no answer while setting up {request.node.nodeid}: {exc}"
        raise
    yield driver
    leftovers = _check_after(request, driver, target)
    if leftovers:
        pytest.fail(f"the test left unconsumed input on the line: {leftovers}", pytrace=False)


def _check_after(request, driver, target) -> list:
    from driver import AtTimeout, DriverError

    try:
        call = getattr(request.node, "hil_report_call", None)
        if call is not None and call.failed and _timed_out(call):
            try:  # did the module die, or only this operation?
                driver.channel.command("AT", timeout=3)
            except DriverError as exc:
                target.broken = f"after {request.node.nodeid}: {exc}"
                return []
        return list(driver.channel.unconsumed())
    except AtTimeout:
        return []
    finally:
        driver.close()


def _timed_out(report) -> bool:
    text = str(report.longrepr)
    return "AtTimeout" in text or "ChannelClosed" in text


@pytest.fixture
def ftp(modem, ftp_account, hil_options):
    """The driver's FTP client, configured for the test server."""
    from driver import FtpSettings

    return modem.ftp(
        FtpSettings(
            host=ftp_account.module_host,
            port=ftp_account.module_port,
            user=ftp_account.user,
            password=ftp_account.password,
            passive=True,
            binary=True,
            cid=hil_options.cid,
        )
    )


@pytest.fixture
def remote(request, ftp_account, hil_options):
    """This test's own fresh folder on the server, seen through ftplib; removed afterwards."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)[:40].strip("-")
    folder = RemoteFolder(
        ftp_account.host_host,
        ftp_account.host_port,
        ftp_account.user,
        ftp_account.password,
        f"{hil_options.ftp_dir}/{name}-{secrets.token_hex(3)}",
    )
    yield folder
    folder.remove()


@pytest.fixture
def emulator(target, emulator_session):
    """The emulator's control surface. On a physical module the test is skipped, with the reason."""
    if emulator_session is None:
        pytest.skip(f"needs the emulator's control surface; the target is a physical module on {target.port}")
    yield emulator_session
    emulator_session.undo_knobs()  # a knob left turned would reach the next test's server and module
