"""Error families and what their messages say."""

import pytest

from driver import (
    AtError,
    AtTimeout,
    CmeError,
    FtpAuthenticationError,
    FtpCode,
    FtpConnectionError,
    FtpError,
    FtpFileError,
    FtpNotAllowedError,
    FtpQuitError,
    FtpRemoteError,
    FtpSettings,
    FtpTimeoutError,
    FtpTransferError,
)
from driver.ftp_errors import ftp_error

FAMILIES = {
    FtpConnectionError: (61, 62, 63, 75, 76, 90, 91),
    FtpAuthenticationError: (71, 72, 92),
    FtpRemoteError: (65, 70, 73, 74, 93, 94),
    FtpFileError: (77,),
    FtpNotAllowedError: (66,),
    FtpTransferError: (78, 79),
    FtpTimeoutError: (64,),
    FtpQuitError: (80,),
}


@pytest.mark.parametrize(("family", "code"), [(f, c) for f, codes in FAMILIES.items() for c in codes])
def test_every_manual_code_has_its_family(family, code):
    error = ftp_error(code, "get /a/b.bin", transferred=10, urc=f"+FTPGET: 1,{code}")
    assert type(error) is family
    assert error.code == code and isinstance(error.code, FtpCode)
    assert error.operation == "get /a/b.bin"
    assert f"{code}" in str(error) and "get /a/b.bin" in str(error) and "10 bytes" in str(error)


def test_every_code_of_the_table_is_covered():
    covered = {c for codes in FAMILIES.values() for c in codes}
    assert covered == {c.value for c in FtpCode if c.value >= 61}


def test_an_unknown_code_is_still_an_ftp_error():
    error = ftp_error(99, "size /x")
    assert type(error) is FtpError and error.code == 99


def test_cme_error_gets_number_and_text():
    by_text = CmeError(
        "AT+CPIN=1", None, "operation not allowed", b"\r\n+CME ERROR: operation not allowed\r\n"
    )
    assert by_text.code == 3 and by_text.text == "operation not allowed"
    by_number = CmeError("AT+CPIN?", 10, None)
    assert by_number.text == "SIM not inserted"
    assert isinstance(by_number, AtError)


def test_messages_hide_the_password_and_escape_bytes():
    error = AtError('AT+FTPPW="hunter2"', b"\r\nERROR\r\n")
    assert "hunter2" not in str(error)
    assert "\\r\\nERROR\\r\\n" in str(error)
    timeout = AtTimeout('AT+FTPPW="hunter2"', 5.0, b"\x03" * 300 + b"\r\n+FTPGET: 1,1\r\n")
    assert "hunter2" not in str(timeout)
    assert "\\r\\n+FTPGET: 1,1\\r\\n" in str(timeout) and "5 s" in str(timeout)
    assert len(str(timeout)) < 1500


def test_settings_never_show_the_account():
    settings = FtpSettings(host="ftp.example.com", user="someone", password="s3cret")
    assert "someone" not in repr(settings) and "s3cret" not in repr(settings)
