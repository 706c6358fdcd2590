"""DLE/ETX escaping of FTPETPUT / FTPETGET (reference section 6.2)."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from driver.escaping import END, TransparentDecoder, escape


def test_the_reference_example():
    # payload 41 03 10 42: the host sends 41 10 03 10 10 42, then a bare 03
    assert escape(b"\x41\x03\x10\x42") + END == b"\x41\x10\x03\x10\x10\x42\x03"


def test_escaped_data_holds_no_bare_etx():
    encoded = escape(bytes(range(256)) * 3)
    i = 0
    while i < len(encoded):
        assert encoded[i] != 0x03, f"bare ETX at {i}"
        i += 2 if encoded[i] == 0x10 else 1


@given(st.binary(max_size=600), st.lists(st.integers(0, 1200), max_size=6), st.binary(max_size=20))
def test_decoding_undoes_escaping_however_it_is_split(payload, points, after):
    stream = escape(payload) + END + after
    edges = [0, *sorted(p % (len(stream) + 1) for p in points), len(stream)]
    decoder = TransparentDecoder()
    out, rest, ended = bytearray(), b"", False
    for a, b in pairwise(edges):
        piece = stream[a:b]
        if ended:
            rest += piece
            continue
        data, used, ended = decoder.decode(piece)
        out += data
        rest += piece[used:] if ended else b""
    assert ended
    assert bytes(out) == payload
    assert rest == after
