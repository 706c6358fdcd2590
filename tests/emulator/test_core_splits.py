"""The module core answers the same bytes however the host's bytes are cut.

Every exchange is fed whole, cut at each boundary, and byte by byte; a whole
session is also fed under random cuts. A byte-boundary bug shows up here as a
diff between two cuts of the same stream.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.core.lines import MAX_LINE

from .hosts import CoreHost

# (state to reach first, then the exchange to cut)
EXCHANGES = [
    (b"", b"AT\r"),
    (b"", b"ATE0\r"),
    (b"ATE0\r", b"ATE1\r"),
    (b"", b"ATI\r"),
    (b"", b"ATV0\r"),
    (b"ATV0\r", b"AT+CSQ\rATX\rATV1\r"),
    (b"", b"AT&W\rAT&C0\rAT&C1\r"),
    (b"", b"AT+CGMR\rAT+GMR\rAT+CGMI\rAT+CGMM\rAT+GMM\rAT+CGSN\r"),
    (b"", b"AT+CMEE=?\rAT+CMEE?\rAT+CMEE=1\rAT+CFUN=9\rAT+CMEE=2\rAT+CFUN=9\r"),
    (b"", b"AT+CFUN=0\r"),
    (b"AT+CFUN=0\r", b"AT+CFUN=1\r"),
    (b"", b"AT+CFUN=1,1\r"),
    (b"", b"AT+CFUN=4\r"),
    (b"", b"AT+CPOWD=1\r"),
    (b"AT+CNACT=0,1\r", b"AT+CPOWD=1\r"),
    (b"", b"AT+IPR?\rAT+IPR=?\rAT+IPR=9600\r"),
    (b"AT+IPR=0\r", b"AT+CFUN=1,1\r"),
    (b"", b"AT+CPIN?\rAT+CSQ\rAT+CGATT?\rAT+COPS?\rAT+CEREG?\rAT+CGNAPN\r"),
    (b"", b'AT+CNCFG=0,1,"ctnb","u","p",1\rAT+CNCFG?\r'),
    (b"", b"AT+CNACT=0,1\r"),
    (b"", b"AT+CNACT=0,1;+CNACT?\r"),
    (b"AT+CNACT=0,1\r", b"AT+CNACT=0,1\rAT+CNACT=0,0\r"),
    (b"AT+CNACT=1,1\r", b"AT+CGATT=0\r"),
    (b"", b"AT+CGMI;+CGMM;+CGSN\r"),
    (b"", b"AT+CGMI;+NOPE;+CGMM\r"),
    (b"", b"AT\r\nATI\r\n"),
    (b"", b"\r\r\n\r\nAT\r"),
    (b"", b"hello\rxyzAT\rAAT\r"),
    (b"", b'AT+CNCFG=0,1,"unterminated\rAT\r'),
    (b"", b'AT+CNCFG=0,1,"\x00\x03\x10\xff"\r'),
    (b"", b"AT+CMEE=99999999999999999999\r"),
    (b"", b"AT+CGMI".ljust(MAX_LINE) + b"\r"),
    (b"", b"AT+CGMI".ljust(MAX_LINE + 1) + b"\rAT\r"),
    (b"", b"\xff" * (MAX_LINE + 5) + b"AT\r"),
]


def answer(setup: bytes, stream: bytes, cuts: list[int] = ()) -> bytes:
    host = CoreHost()
    host.send(setup)
    return host.send(stream, list(cuts))


@pytest.mark.parametrize(("setup", "stream"), EXCHANGES, ids=lambda b: b[:24].decode("latin-1"))
def test_every_cut_gives_the_same_answer(setup, stream):
    whole = answer(setup, stream)
    assert whole, "an exchange with no answer proves nothing here"
    for cut in range(1, len(stream)):
        assert answer(setup, stream, [cut]) == whole, f"cut at {cut}: {stream[:cut]!r} | {stream[cut:]!r}"


@pytest.mark.parametrize(("setup", "stream"), EXCHANGES, ids=lambda b: b[:24].decode("latin-1"))
def test_byte_by_byte_gives_the_same_answer(setup, stream):
    assert answer(setup, stream, list(range(1, len(stream)))) == answer(setup, stream)


# Power-off and reboot end the session (what follows them is not answered the same way
# from a fresh module), so they stay out of one long stream.
SESSION = b"".join(
    stream
    for setup, stream in EXCHANGES
    if not setup and not any(word in stream for word in (b"CPOWD", b"CFUN=1,1"))
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=len(SESSION) - 1), max_size=40))
def test_a_whole_session_under_random_cuts(cuts):
    assert answer(b"", SESSION, sorted(set(cuts))) == answer(b"", SESSION)


def test_a_timer_due_between_two_lines_fires_between_them():
    # > AT+CNACT=0,1<CR>AT+CNACT?<CR>   in one read, activation taking no time:
    # < OK / +APP PDP: 0,ACTIVE / +CNACT: 0,1,"10.94.36.44" ... / OK
    # exactly as when the two lines arrive in two reads
    stream = b"AT+CNACT=0,1\rAT+CNACT?\r"
    assert answer(b"ATE0\r", stream) == answer(b"ATE0\r", stream, [13])
