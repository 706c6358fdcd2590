"""The hil_tests plugin itself, run in inner pytest sessions (pytester)."""

import xml.etree.ElementTree as ElementTree

import pytest

from emulator.emulator import Emulator

from hil_tests.options import OPTIONS


@pytest.fixture
def inner(pytester):
    """An inner session that loads the plugin the way the root conftest does."""
    pytester.makeconftest('pytest_plugins = ["hil_tests.plugin"]')
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\n")
    return pytester


@pytest.fixture
def bench():
    """A module the plugin only knows by its port, with its FTP server named explicitly."""
    with Emulator() as emulator:
        ftp = emulator.ftp
        # `--modem=PATH` in one word: a bare device path would count as a test path for pytest
        yield emulator, [f"--modem={emulator.port}", f"--ftp-server={ftp.address}",
                         f"--ftp-user={ftp.user}", f"--ftp-password={ftp.password}"]  # fmt: skip


def test_help_shows_every_option_in_one_group_with_its_variable(inner):
    result = inner.runpytest("--help")
    text = result.stdout.str()
    assert "SIM7080 HIL target" in text
    for option in OPTIONS:
        assert option.flag in text and option.env in text


def test_environment_variables_configure_the_target(inner, bench, monkeypatch):
    emulator, _ = bench
    ftp = emulator.ftp
    for name, value in (("SIM7080_MODEM", emulator.port), ("SIM7080_FTP_SERVER", ftp.address),
                        ("SIM7080_FTP_USER", ftp.user), ("SIM7080_FTP_PASSWORD", ftp.password)):  # fmt: skip
        monkeypatch.setenv(name, value)
    inner.makepyfile("""
        def test_kind(target):
            assert target.kind == "hardware" and target.revision == "1951B16SIM7080"
    """)
    inner.runpytest().assert_outcomes(passed=1)


def test_emulator_fixture_is_skipped_on_hardware_with_the_reason(inner, bench):
    _, options = bench
    inner.makepyfile("""
        def test_needs_control(emulator):
            pass

        def test_plain(ftp, remote):
            assert ftp.get(remote.seed("a.bin", b"abc")) == b"abc"
    """)
    result = inner.runpytest(*options, "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*needs the emulator's control surface; the target is a physical module on*"])


def test_leftover_urcs_fail_the_test_at_teardown(inner):
    inner.makepyfile("""
        def test_leaves_a_urc(modem, emulator):
            emulator.call(lambda core: core.urc("+CEREG: 5"))
            modem.command("AT")  # the URC arrives before this OK and nobody takes it
    """)
    result = inner.runpytest()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*left unconsumed input on the line*CEREG: 5*"])


def test_a_dead_module_skips_the_rest_with_the_reason(inner):
    inner.makepyfile("""
        def test_kills_it(modem, emulator):
            emulator.call(lambda core: core.power_off(core.now))
            modem.command("AT", timeout=1)

        def test_after(modem):
            pass

        def test_after_that(ftp):
            pass
    """)
    result = inner.runpytest("-rs")
    result.assert_outcomes(failed=1, skipped=2)
    result.stdout.fnmatch_lines(["*the module stopped answering*"])


def test_target_identity_is_in_the_junit_report(inner, tmp_path):
    inner.makepyfile("def test_one(target): pass")
    report = tmp_path / "junit.xml"
    inner.runpytest(f"--junitxml={report}", "-o", "junit_family=xunit2").assert_outcomes(passed=1)
    properties = {p.get("name"): p.get("value") for p in ElementTree.parse(report).iter("property")}
    assert properties["target"] == "emulator"
    assert properties["firmware_revision"] == "1951B16SIM7080"
    assert properties["imei"] == "869951030006302"


@pytest.mark.parametrize("hardware, expected", [(False, 40), (True, 8)])
def test_hypothesis_profile_follows_the_target(inner, bench, hardware, expected):
    _, options = bench
    inner.makepyfile(f"""
        from hypothesis import settings

        def test_profile():
            assert settings.default.max_examples == {expected}
    """)
    inner.runpytest(*(options if hardware else [])).assert_outcomes(passed=1)


def test_hypothesis_profile_option_wins(inner, bench):
    _, options = bench
    inner.makepyfile("""
        from hypothesis import settings

        def test_profile():
            assert settings.default.max_examples == 5000
    """)
    inner.runpytest(*options, "--hypothesis-profile", "nightly").assert_outcomes(passed=1)


def test_hardware_gets_the_longer_per_test_timeout(inner, bench):
    _, options = bench
    inner.makepyfile("""
        import pytest

        def test_default(request):
            assert request.node.get_closest_marker("timeout").args == (123.0,)

        @pytest.mark.timeout(7)
        def test_explicit(request):
            assert request.node.get_closest_marker("timeout").args == (7,)
    """)
    inner.runpytest(*options, "--hardware-timeout", "123").assert_outcomes(passed=2)


def test_xdist_gives_each_worker_its_own_emulator(inner):
    inner.makepyfile("""
        import os
        import pytest

        @pytest.mark.parametrize("n", range(4))
        def test_port(emulator, n):
            print("PORT", os.environ.get("PYTEST_XDIST_WORKER"), emulator.port)
    """)
    result = inner.runpytest("-n", "2", "-s")
    result.assert_outcomes(passed=4)


def test_a_missing_ftp_server_on_hardware_is_a_usage_error(inner, bench):
    emulator, _ = bench
    inner.makepyfile("def test_one(ftp): pass")
    result = inner.runpytest(f"--modem={emulator.port}")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*--ftp-server is required with a physical module*"])


def test_knobs_a_test_turned_do_not_reach_the_next_test(inner):
    inner.makepyfile("""
        def test_turns_knobs(emulator):
            emulator.server.faults.refuse_login()        # standing
            emulator.script.respond("AT+CSQ", ["+CSQ: 1,1"], once=False)
            emulator.time_scale = 0.5

        def test_next_uses_the_server(remote, emulator):
            remote.seed("x.bin", b"1")                   # would be refused if the fault stayed
            assert emulator.time_scale == 1.0

        def test_next_uses_the_module(modem):
            assert modem.command("AT+CSQ").lines == ("+CSQ: 20,0",)
    """)
    inner.runpytest("-p", "no:randomly").assert_outcomes(passed=3)


def test_an_inner_session_gives_the_hypothesis_profile_back(inner, bench):
    from hypothesis import settings

    before = settings.get_current_profile_name()
    _, options = bench
    inner.makepyfile("def test_nothing(): pass")
    inner.runpytest(*options).assert_outcomes(passed=1)  # loads "hardware" while it runs
    assert settings.get_current_profile_name() == before
