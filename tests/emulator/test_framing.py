"""Response framing, byte for byte (reference section 1.2)."""

import pytest

from emulator.core import framing


def test_one_information_line_under_v1():
    # AT+CSQ  ->  <CR><LF>+CSQ: 20,0<CR><LF>
    assert framing.information(["+CSQ: 20,0"], verbose=True) == b"\r\n+CSQ: 20,0\r\n"


def test_several_information_lines_come_back_to_back():
    # AT+CNACT?: the lines follow each other; only the block is wrapped in CR LF
    lines = ['+CNACT: 0,1,"10.94.36.44"', '+CNACT: 1,0,"0.0.0.0"']
    assert framing.information(lines, verbose=True) == (
        b'\r\n+CNACT: 0,1,"10.94.36.44"\r\n+CNACT: 1,0,"0.0.0.0"\r\n'
    )


def test_information_then_ok_leaves_one_empty_line_before_ok():
    block = framing.information(["A", "B"], verbose=True) + framing.result("OK", verbose=True)
    assert block == b"\r\nA\r\nB\r\n\r\nOK\r\n"


def test_no_information_is_no_bytes():
    assert framing.information([], verbose=True) == b""
    assert framing.information([], verbose=False) == b""


def test_information_under_v0_is_text_and_crlf():
    assert framing.information(["A", "B"], verbose=False) == b"A\r\nB\r\n"


@pytest.mark.parametrize(("word", "v1", "v0"), [("OK", b"\r\nOK\r\n", b"0\r"), ("ERROR", b"\r\nERROR\r\n", b"4\r")])
def test_final_results(word, v1, v0):
    # ATV1: the word framed; ATV0: the V.25ter digit and CR (M105 2.2.19)
    assert framing.result(word, verbose=True) == v1
    assert framing.result(word, verbose=False) == v0


def test_cme_errors():
    assert framing.cme_error("3", verbose=True) == b"\r\n+CME ERROR: 3\r\n"
    assert framing.cme_error("operation not allowed", verbose=True) == (
        b"\r\n+CME ERROR: operation not allowed\r\n"
    )
    assert framing.cme_error("3", verbose=False) == b"+CME ERROR: 3\r\n"


def test_urcs():
    assert framing.urc("+APP PDP: 0,ACTIVE", verbose=True) == b"\r\n+APP PDP: 0,ACTIVE\r\n"
    assert framing.urc("RDY", verbose=False) == b"RDY\r\n"


def test_text_is_8_bit():
    # strings the host set with any byte value come back as the same bytes
    text = "".join(chr(b) for b in range(256))
    assert framing.encode(text) == bytes(range(256))
    assert framing.encode("\u20ac") == b"?"
