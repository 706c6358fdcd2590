"""The pytest side: one transcript per test with --transcripts, else a failing test's only,
its path and last exchanges in the failure report; no secret in either."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from driver.transcript import read_transcript
from emulator.emulator import Emulator
from hil_tests.transcripts import file_name

PASSWORD = "pw;with,odd=chars %$!"
USER = "user;name,7"

TESTS = """
def test_passes(ftp, remote):
    assert ftp.get(remote.seed("a.bin", b"abc")) == b"abc"

def test_fails(ftp, remote, hil_options):
    path = remote.seed("note.txt", ("the password: " + hil_options.ftp_password).encode())
    size = len(ftp.get(path))
    assert size == 0  # fails; pytest shows only the numbers
"""


@pytest.fixture
def inner(pytester):
    pytester.makeconftest('pytest_plugins = ["hil_tests.plugin"]')
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\n")
    pytester.makepyfile(test_recorded=TESTS)
    return pytester


@pytest.fixture
def bench():
    """A module the plugin knows only by its port (hardware mode), with awkward credentials."""
    with Emulator(ftp_user=USER, ftp_password=PASSWORD) as emulator:
        ftp = emulator.ftp
        yield [f"--modem={emulator.port}", f"--ftp-server={ftp.address}", f"--ftp-user={USER}",
               f"--ftp-password={PASSWORD}"]  # fmt: skip


def assert_no_secret(path: Path) -> None:
    transcript = read_transcript(path)
    everything = path.read_bytes() + transcript.bytes_to_module() + transcript.bytes_from_module()
    for secret in (PASSWORD, USER):
        assert secret.encode() not in everything, (path, secret)


def test_without_the_option_a_failing_test_keeps_its_transcript_and_shows_its_end(inner, bench):
    result = inner.runpytest(*bench)
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert PASSWORD not in out and USER not in out
    (path,) = re.findall(r"^(/\S+\.jsonl)  \[kept because the test failed", out, re.M)
    path = Path(path)
    assert path.is_relative_to(inner.path.parent)  # pytest's temporary folder of the inner run
    assert path.name == file_name("test_recorded.py::test_fails")
    assert list(path.parent.iterdir()) == [path]  # the passing test's was deleted
    result.stdout.fnmatch_lines([
        "*- sim7080 transcript -*",
        "test        test_recorded.py::test_fails",
        "target      hardware, revision 1951B16SIM7080, port /dev/*",
        "   … * earlier exchanges not shown …",
        "*>> command  AT+FTPGET=1",
        "*<< URC      +FTPGET: 1,0",
    ])  # fmt: skip
    assert read_transcript(path).header.test == "test_recorded.py::test_fails"
    assert_no_secret(path)
    assert b'AT+FTPPW="***"\r' in read_transcript(path).bytes_to_module()


def test_with_the_option_every_test_keeps_one(inner, bench, tmp_path):
    folder = tmp_path / "transcripts"
    result = inner.runpytest(*bench, f"--transcripts={folder}", "--redact-commands=FTPSERV", "--transcript-tail=3")
    result.assert_outcomes(passed=1, failed=1)
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted(file_name(f"test_recorded.py::{name}") for name in ("test_passes", "test_fails"))
    result.stdout.fnmatch_lines(
        ["*test_fails-*.jsonl  [[]kept (--transcripts); *", "   … * earlier exchanges not shown …"]
    )
    for name in kept:
        assert_no_secret(folder / name)
        # a command named on the command line
        assert b'AT+FTPSERV="***"\r' in read_transcript(folder / name).bytes_to_module()
