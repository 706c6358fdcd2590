"""Hypothesis strategies for what a module sends a driver: exchanges, stray URCs, line noise.

An exchange is the command the host sent and the module's answer cut into frames, each
with the events the driver's AtParser must make of it (tests/driver/exchanges.py, where
the same shapes are written out by hand from the application note). Here they are
drawn: block reads whose payload holds `\\r\\nOK\\r\\n`, `+FTPGET: 1,0`, ETX and DLE; the
FTPETGET stream; upload prompts; information lines, tagged and untagged; every final
result; the URCs that follow a session command.
"""

from __future__ import annotations

from hypothesis import strategies as st

from driver.events import CmeErrorResult, Error, InformationLine, UploadPrompt
from driver.parser import BARE_URCS
from tests.driver.exchanges import Exchange, Frame, block, echo, info, line, ok, transparent, urc

TRAPS = [b"\r\nOK\r\n", b"\r\nERROR\r\n", b"+FTPGET: 1,0\r\n", b"\r\n+FTPGET: 2,5\r\n", b"\x03", b"\x10",
         b"\x10\x03", b"\r", b"\n", b"+FTPETGET: 1,1\r\n", b"\r\n+CME ERROR: 3\r\n", b"AT\r"]  # fmt: skip
PAYLOADS = st.lists(st.sampled_from(TRAPS) | st.binary(max_size=24), max_size=10).map(b"".join) | st.integers(
    0, 3000
).map(lambda n: bytes((i * 7 + 3) % 256 for i in range(n)))

# URCs that may come at any legal point; none is the answer of a command drawn below
# (the URC `+FTPETGET: 1,1` opens a stream, so it is no stray)
STRAY_URCS = ["+FTPGET: 1,1", "+FTPGET: 1,0", "+FTPPUT: 1,1,1360", "+APP PDP: 0,DEACTIVE", "RDY",
              "SMS Ready", "+CPIN: READY", "+FTPLIST: 1,0", "+FTPETPUT: 1,0", "NORMAL POWER DOWN",
              "+FTPSIZE: 1,0,1024", "+CFUN: 1", "+FTPEXTGET: 1,0"]  # fmt: skip


def _with_echo(command: str, frames: list[Frame], final: int, echoed: bool) -> Exchange:
    if echoed:
        return Exchange(command, command, (echo(command), *frames), echo=True, final=final + 1)
    return Exchange(command, command, tuple(frames), final=final)


@st.composite
def _block_read(draw) -> tuple[str, list[Frame], int]:
    # AT+FTPGET=2,<n> -> +FTPGET: 2,<k>, k bytes, OK (AN 5.1); the same for LIST and EXTGET=3
    payload = draw(PAYLOADS)
    tag, command = draw(st.sampled_from([("+FTPGET: 2,", "AT+FTPGET=2,1460"), ("+FTPLIST: 2,", "AT+FTPLIST=2,1460"),
                                         ("+FTPEXTGET: 3,", "AT+FTPEXTGET=3,0,3000")]))  # fmt: skip
    frames = [block(f"{tag}{len(payload)}", payload), ok()]
    if draw(st.booleans()):
        frames.append(urc(tag.replace(" 2,", " 1,").replace(" 3,", " 1,") + "0"))
    return command, frames, 1


@st.composite
def _stream(draw) -> tuple[str, list[Frame], int]:
    # AT+FTPETGET=1 -> OK; +FTPETGET: 1,1, escaped file, ETX; +FTPETGET: 1,0 (AN 5.15)
    return "AT+FTPETGET=1", [ok(), transparent(draw(PAYLOADS)), urc("+FTPETGET: 1,0")], 0


@st.composite
def _prompt(draw) -> tuple[str, list[Frame], int]:
    kind = draw(st.sampled_from(["put", "extput", "etput-an", "etput-manual"]))
    n = draw(st.integers(1, 1460))
    if kind == "put":  # AT+FTPPUT=2,n -> +FTPPUT: 2,n (n bytes) OK (AN 5.2)
        text = f"+FTPPUT: 2,{n}"
        return f"AT+FTPPUT=2,{n}", [line(text, UploadPrompt(text, n)), ok()], 1
    if kind == "extput":  # AT+FTPEXTPUT=2,pos,len,ms -> +FTPEXTPUT: pos,len (AN 5.12)
        pos = draw(st.integers(0, 1000))
        text = f"+FTPEXTPUT: {pos},{n}"
        return f"AT+FTPEXTPUT=2,{pos},{n},5000", [line(text, UploadPrompt(text, n, pos)), ok()], 1
    prompt = line("+FTPETPUT: 2,1", UploadPrompt("+FTPETPUT: 2,1", None))
    if kind == "etput-an":  # OK, +FTPETPUT: 2,1 (payload, ETX) OK (AN 5.14)
        return "AT+FTPETPUT=2", [ok(), prompt, ok()], 2
    return "AT+FTPETPUT=2", [prompt, ok()], 1  # the manual's form (M105 15.2.24)


@st.composite
def _information(draw) -> tuple[str, list[Frame], int]:
    kind = draw(st.sampled_from(["tagged", "cnact", "untagged"]))
    if kind == "untagged":  # AT+CGMR -> Revision:1951B16SIM7080 (M105 3.2.3)
        command, text = draw(st.sampled_from([("AT+CGMR", "Revision:1951B16SIM7080"), ("AT+CGSN", "869951030006302"),
                                              ("ATI", "R1951.07"), ("AT+CGMM", "SIMCOM_SIM7080")]))  # fmt: skip
        return command, [info(text), ok()], 1
    if kind == "cnact":  # AT+CNACT? -> four lines back to back (AN 4.1)
        lines = [f'+CNACT: {i},{draw(st.integers(0, 2))},"10.94.36.{40 + i}"' for i in range(4)]
        body = b"\r\n" + b"\r\n".join(t.encode() for t in lines) + b"\r\n"
        return "AT+CNACT?", [Frame(body, tuple(InformationLine(t) for t in lines)), ok()], 1
    name = draw(st.sampled_from(["+CSQ", "+CPIN", "+FTPSTATE", "+CMEE", "+COPS", "+CEREG"]))
    value = draw(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
    return f"AT{name}?", [info(f"{name}: {value}"), ok()], 1


@st.composite
def _final_only(draw) -> tuple[str, list[Frame], int]:
    kind = draw(st.sampled_from(["ok", "error", "cme-number", "cme-text", "session"]))
    if kind == "ok":
        return "AT", [ok()], 0
    if kind == "error":  # AT+FTPQUIT while idle -> ERROR (AN 5.16)
        return "AT+FTPQUIT", [line("ERROR", Error())], 0
    if kind == "cme-number":
        code = draw(st.integers(0, 999))
        return "AT+CPIN=1234", [line(f"+CME ERROR: {code}", CmeErrorResult(code, None))], 0
    if kind == "cme-text":
        text = "operation not allowed"
        return "AT+CPIN=1234", [line(f"+CME ERROR: {text}", CmeErrorResult(None, text))], 0
    # AT+FTPGET=1 -> OK, then the session's URCs (AN 5.1)
    verb = draw(st.sampled_from(["FTPGET", "FTPPUT", "FTPLIST", "FTPDELE", "FTPSIZE", "FTPMKD"]))
    code = draw(st.sampled_from(["1", "0", "66", "77"]))
    return f"AT+{verb}=1", [ok(), urc(f"+{verb}: 1,{code}")], 0


@st.composite
def exchanges(draw) -> Exchange:
    command, frames, final = draw(st.one_of(_block_read(), _stream(), _prompt(), _information(), _final_only()))
    return _with_echo(command, frames, final, draw(st.booleans()))


CONTROL_BYTES = b"\x00\x01\x03\x10\x1b\x7f\xa0\xff"


def _is_quiet_noise(piece: bytes) -> bool:
    """A line of noise the parser can only call Noise: no tag, no result, no echo, no
    known bare URC, and a byte no module line has (else AT+CGMR's answer could be it)."""
    if b"+" in piece or piece.strip() in (b"OK", b"ERROR") or piece[:2].upper() == b"AT":
        return False
    if piece.decode("latin-1").startswith(BARE_URCS):
        return False
    return any(b < 0x20 or b > 0x7E for b in piece)


@st.composite
def _noise_piece(draw) -> bytes:
    rest = draw(st.binary(max_size=8)).translate(None, b"+\r\n")
    at = draw(st.integers(0, len(rest)))
    piece = rest[:at] + bytes([draw(st.sampled_from(CONTROL_BYTES))]) + rest[at:]
    if not _is_quiet_noise(piece):
        draw(st.nothing())  # rare: it starts like an echo or a bare URC
    return piece


@st.composite
def garbage(draw) -> bytes:
    """Line noise: pieces that are no module line, between line ends (or none)."""
    pieces = draw(st.lists(_noise_piece(), min_size=1, max_size=3))
    return b"".join(p + draw(st.sampled_from([b"", b"\r", b"\n", b"\r\n"])) for p in pieces)
