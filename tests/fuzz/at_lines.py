"""Hypothesis strategies for what a host (or a noisy line) sends a module.

* `valid_lines`: command lines a real host sends to use the FTP engine, the bearer and
  the general commands, so sessions start, move data and end often;
* `near_valid_lines`: real command names with the wrong form, the wrong number of
  arguments, bad quoting, huge or negative numbers, binary inside strings, several
  commands joined by `;`, mixed case, a CR LF or no end at all;
* `noise`: bytes built from the protocol's own pieces (AT, CR, LF, ETX, DLE, quotes)
  and arbitrary bytes.

AT+CPOWD stays out: it switches the module off by design, and a module that is off
answers nothing, so "every line gets a result" would not apply to what follows.
"""

from __future__ import annotations

from hypothesis import strategies as st

from emulator.core.handlers.all import default_handlers

NOT_FUZZED = {"+CPOWD"}
EXTENDED_NAMES = sorted(n for n in default_handlers() if n.startswith("+") and n not in NOT_FUZZED)
BASIC_NAMES = sorted(n for n in default_handlers() if not n.startswith("+"))
UNKNOWN_NAMES = ["+FTPFOO", "+FTPGETTOFS", "+FTPPUTFRMFS", "+CIPSTART", "+FTPSCONT", "+", "+FTP"]

VALID_LINES = [
    # sessions (reference section 4)
    "AT+FTPGET=1", "AT+FTPGET=2,1460", "AT+FTPGET=2,1", "AT+FTPGET=2,10",
    "AT+FTPLIST=1", "AT+FTPLIST=2,1460", "AT+FTPLIST=2,7",
    "AT+FTPPUT=1", "AT+FTPPUT=2,10", "AT+FTPPUT=2,1360", "AT+FTPPUT=2,1460", "AT+FTPPUT=2,0",
    "AT+FTPDELE", "AT+FTPSIZE", "AT+FTPMKD", "AT+FTPRMD", "AT+FTPRENAME", "AT+FTPMDTM",
    "AT+FTPSTATE", "AT+FTPQUIT",
    "AT+FTPEXTPUT=1", "AT+FTPEXTPUT=2,0,10,1000", "AT+FTPEXTPUT=2,5,3,2000", "AT+FTPEXTPUT=0",
    "AT+FTPEXTPUT?",
    "AT+FTPEXTGET=1", "AT+FTPEXTGET?", "AT+FTPEXTGET=3,0,100", "AT+FTPEXTGET=3,2,5", "AT+FTPEXTGET=0",
    "AT+FTPETPUT=1", "AT+FTPETPUT=2", "AT+FTPETGET=1",
    # configuration (reference section 3)
    'AT+FTPTYPE="A"', 'AT+FTPTYPE="I"', "AT+FTPREST=0", "AT+FTPREST=3", "AT+FTPMODE=0",
    'AT+FTPPUTOPT="APPE"', 'AT+FTPPUTOPT="STOU"', 'AT+FTPGETNAME=""', 'AT+FTPGETNAME="in.bin"',
    'AT+FTPPUTNAME=""', 'AT+FTPSERV=""', 'AT+FTPSERV="ftp.example.com"', "AT+FTPCID=1", "AT+FTPCID=0",
    # bearer, radio, general (reference section 7)
    "AT+CNACT=0,1", "AT+CNACT=0,0", "AT+CNACT=1,1", "AT+CNACT?", "AT+CGATT=0", "AT+CGATT=1",
    "AT+CFUN=0", "AT+CFUN=1", "AT+CFUN=4", "AT+CFUN=1,1",
    "AT", "ATE0", "ATE1", "ATV0", "ATV1", "AT+CMEE=0", "AT+CMEE=1", "AT+CMEE=2", "ATI", "AT+CGMR",
]  # fmt: skip

NUMBERS = st.one_of(
    st.sampled_from(["0", "1", "2", "3", "4", "7", "10", "1360", "1460", "1461", "65535", "65536",
                     "327680", "4294967295", "4294967296", "9" * 13, "9" * 60, "007"]),  # fmt: skip
    st.integers(0, 2**70).map(str),
    st.sampled_from(["-1", "+1", "1.5", "0x10", " 1 ", "1 2", "", "\xb2", "１"]),
)
# string bytes a host might get wrong: separators, quotes, control and binary bytes
STRING_CHARS = st.sampled_from(list('aZ/. ;,="?\x00\x03\x10\x1a\n\x7f\xff\xe9') + ["AT", "OK"])
STRING_TEXT = st.lists(STRING_CHARS, max_size=12).map("".join) | st.text(max_size=70)


def _quoted(text: str) -> str:
    return f'"{text}"'


ARGUMENTS = st.one_of(
    NUMBERS,
    NUMBERS.map(_quoted),
    STRING_TEXT.map(_quoted),
    STRING_TEXT.map(lambda t: '"' + t),  # never closed
    STRING_TEXT.map(lambda t: t.replace('"', "")),  # unquoted
    st.sampled_from(['"I"', '"A"', '"STOR"', "APPE", '"stou"', "/", '"/dir/"', '""', "'x'"]),
)
SEPARATORS = st.sampled_from([",", ",", ",", ", ", " ,", ",,", ";", ""])


@st.composite
def _extended(draw) -> str:
    name = draw(st.sampled_from(EXTENDED_NAMES) | st.sampled_from(UNKNOWN_NAMES))
    if draw(st.booleans()):
        name = "".join(c.lower() if draw(st.booleans()) else c for c in name)
    form = draw(st.sampled_from(["", "?", "=?", "=", "=", "=", " =", "= ", "=??", "?=", "=?x"]))
    if form.strip() != "=":
        return name + form
    args = draw(st.lists(ARGUMENTS, max_size=6))
    text = ""
    for i, arg in enumerate(args):
        text += (draw(SEPARATORS) if i else "") + arg
    return name + form + text + draw(st.sampled_from(["", "", " ", "x", '"', ",", ";"]))


@st.composite
def _basic(draw) -> str:
    name = draw(st.sampled_from(BASIC_NAMES) | st.sampled_from(["Z", "&F", "&", "D", "H"]))
    digits = draw(st.sampled_from(["", "0", "1", "2", "9", "00", "99999999999999"]))
    return name + digits


@st.composite
def _line(draw, command) -> bytes:
    prefix = draw(st.sampled_from(["AT", "AT", "AT", "at", "At", "aT", "xAT", "\x00AT"]))
    commands = draw(st.lists(command, min_size=0, max_size=3))
    body = ""
    for i, c in enumerate(commands):
        body += (draw(st.sampled_from([";", ";", "", " ; "])) if i else "") + c
    end = draw(st.sampled_from(["\r", "\r", "\r", "\r\n", "\n\r", ""]))
    return (prefix + body + end).encode("latin-1", "replace")


near_valid_lines = _line(st.one_of(_extended(), _basic()))


@st.composite
def _valid(draw) -> bytes:
    line = draw(st.sampled_from(VALID_LINES))
    if draw(st.integers(0, 9)) == 0:  # now and then two valid commands on one line
        line += ";" + draw(st.sampled_from(VALID_LINES))[2:]
    return line.encode() + b"\r"


valid_lines = _valid()

# what a host that knows the session it is in sends next (reference section 4)
# (uploads twice: their data phases take the most steps to reach)
SESSION_STARTS = [
    "AT+FTPPUT=1", "AT+FTPPUT=1", "AT+FTPETPUT=1", "AT+FTPETPUT=1",
    "AT+FTPGET=1", "AT+FTPLIST=1", "AT+FTPETGET=1", "AT+FTPEXTGET=1",
    "AT+FTPDELE", "AT+FTPSIZE", "AT+FTPMKD", "AT+FTPRMD", "AT+FTPRENAME", "AT+FTPMDTM",
    "AT+FTPEXTPUT=1", "AT+FTPEXTPUT=2,0,10,1000", "AT+FTPEXTGET=3,0,1460", "AT+FTPEXTGET=0", "AT+FTPEXTPUT=0",
]  # fmt: skip
NEXT_IN_SESSION = {
    "DownloadSession": ["{prefix}=2,1460", "{prefix}=2,1460", "{prefix}=2,3", "+FTPQUIT", "+FTPSTATE"],
    "UploadSession": ["+FTPPUT=2,10", "+FTPPUT=2,1360", "+FTPPUT=2,1460", "+FTPPUT=2,0", "+FTPQUIT"],
    "TransparentPutSession": ["+FTPETPUT=2", "+FTPETPUT=2", "+FTPQUIT"],
    "ExtendedGetSession": ["+FTPEXTGET?", "+FTPEXTGET=3,0,10", "+FTPQUIT"],
}


@st.composite
def purposeful_line(draw, module) -> bytes:
    """The next command of the session the module runs, or a new session (after putting
    the radio, the attachment and the FTP bearer back if the fuzz took them away)."""
    state = module.core.state
    if not state.radio_on:
        return b"AT+CFUN=1\r"
    if not state.attached:
        return b"AT+CGATT=1\r"
    if not state.bearers[state.ftp.cid].active:
        return b"AT+CNACT=%d,1\r" % state.ftp.cid
    session = module.core.ftp.session
    steps = NEXT_IN_SESSION.get(type(session).__name__) if session is not None else None
    if steps is None:
        return draw(st.sampled_from(SESSION_STARTS)).encode() + b"\r"
    text = draw(st.sampled_from(steps)).format(prefix=getattr(session, "prefix", ""))
    return b"AT" + text.encode() + b"\r"


ATOMS = [b"AT", b"at", b"\r", b"\n", b"\r\n", b";", b"=", b"?", b",", b'"', b"+FTPGET", b"+FTPPUT=2,",
         b"+FTPETPUT=2", b"\x03", b"\x10", b"\x10\x03", b"\x00", b"\xff", b"OK", b"1", b"9" * 20]  # fmt: skip
noise = st.lists(st.sampled_from(ATOMS) | st.binary(max_size=6), max_size=12).map(b"".join)
