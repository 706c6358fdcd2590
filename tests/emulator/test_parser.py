"""The command parser: the text after `AT` becomes commands, or a SyntaxFailure.

Each case is the line as the host types it (after `AT`), then the commands the
module reads out of it.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.core.command import Arg, Command, Form
from emulator.core.errors import SyntaxFailure
from emulator.core.parser import parse_line


def test_an_empty_line_holds_no_command():
    # AT<CR>  ->  nothing to run (the module just says OK)
    assert parse_line("") == []


@pytest.mark.parametrize("body", [" ", ";", ";;", " ; ; "])
def test_spaces_and_semicolons_alone_hold_no_command(body):
    assert parse_line(body) == []


def test_basic_command_with_its_number():
    # ATE0
    assert parse_line("E0") == [Command("E", Form.BASIC, (Arg("0"),), "E0")]


def test_basic_command_without_a_number():
    # ATI
    assert parse_line("I") == [Command("I", Form.BASIC, (), "I")]


def test_basic_commands_back_to_back():
    # ATE0V1&C1: three commands on one line, no separator needed
    assert parse_line("E0V1&C1") == [
        Command("E", Form.BASIC, (Arg("0"),), "E0"),
        Command("V", Form.BASIC, (Arg("1"),), "V1"),
        Command("&C", Form.BASIC, (Arg("1"),), "&C1"),
    ]


def test_basic_command_names_are_upper_cased():
    # ate0 is ATE0
    assert parse_line("e0&w")[0].name == "E"
    assert parse_line("e0&w")[1].name == "&W"


@pytest.mark.parametrize(
    ("body", "form"),
    [("+CMEE=?", Form.TEST), ("+CMEE?", Form.READ), ("+CGMR", Form.EXECUTE)],
)
def test_the_forms_of_an_extended_command(body, form):
    (command,) = parse_line(body)
    assert (command.name, command.form, command.args) == (body[:5], form, ())


def test_write_form_arguments():
    # AT+CNACT=0,1
    (command,) = parse_line("+CNACT=0,1")
    assert command == Command("+CNACT", Form.WRITE, (Arg("0"), Arg("1")), "+CNACT=0,1")


def test_quoted_arguments_keep_their_text_and_are_marked_quoted():
    # AT+CNCFG=0,1,"ctnb","user","pass",2
    (command,) = parse_line('+CNCFG=0,1,"ctnb","user","pass",2')
    assert command.args == (
        Arg("0"), Arg("1"), Arg("ctnb", quoted=True), Arg("user", quoted=True),
        Arg("pass", quoted=True), Arg("2"),
    )  # fmt: skip


def test_unquoted_strings_are_accepted():
    # AT+FTPGETPATH=/pub/ (SIM800-era hosts do not quote)
    (command,) = parse_line("+FTPGETPATH=/pub/")
    assert command.args == (Arg("/pub/"),)


def test_empty_arguments_are_kept_in_place():
    # AT+X=,1,
    (command,) = parse_line("+X=,1,")
    assert command.args == (Arg(""), Arg("1"), Arg(""))
    assert command.args[0].empty and not Arg("", quoted=True).empty


def test_separators_inside_quotes_are_text():
    # AT+X="a;b,c";+Y  ->  +X gets one argument, +Y is a second command
    first, second = parse_line('+X="a;b,c";+Y')
    assert first.args == (Arg("a;b,c", quoted=True),)
    assert second.name == "+Y"


def test_spaces_around_arguments_are_ignored():
    (command,) = parse_line('+X= 1 , "a b" ,2 ')
    assert command.args == (Arg("1"), Arg("a b", quoted=True), Arg("2"))


def test_extended_names_are_upper_cased_and_the_text_kept_as_written():
    # at+cgmr
    (command,) = parse_line("+cgmr")
    assert (command.name, command.text) == ("+CGMR", "+cgmr")


def test_commands_joined_by_semicolons():
    # AT+CGMI;+CGMM;E0;+CMEE=1
    commands = parse_line("+CGMI;+CGMM;E0;+CMEE=1")
    assert [(c.name, c.form) for c in commands] == [
        ("+CGMI", Form.EXECUTE), ("+CGMM", Form.EXECUTE), ("E", Form.BASIC), ("+CMEE", Form.WRITE),
    ]  # fmt: skip


@pytest.mark.parametrize("prefix", "+*$#%^")
def test_every_extended_prefix(prefix):
    (command,) = parse_line(prefix + "ABC?")
    assert (command.name, command.form) == (prefix + "ABC", Form.READ)


@pytest.mark.parametrize(
    "body",
    [
        '+X="abc',  # unterminated string
        '+X=ab"c"',  # a quote inside an unquoted argument
        '+X="a"b',  # junk after a string
        "+CSQ?x",  # junk after the read form
        "+CMEE=?1",  # junk after the test form
        "+CSQ x",  # junk after the execute form
        "+",  # no name
        "+=1",  # no name
        "&",  # & without its letter
        "&1",
        "5",  # a digit where a command should start
        "!",
        "\x00",
        "E0?",
    ],
)
def test_malformed_text_is_a_syntax_failure(body):
    with pytest.raises(SyntaxFailure):
        parse_line(body)


def test_binary_bytes_inside_quotes_are_text():
    text = "".join(chr(b) for b in range(256) if chr(b) not in '"\r')
    (command,) = parse_line(f'+X="{text}"')
    assert command.args == (Arg(text, quoted=True),)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=255), max_size=80))
def test_any_latin1_text_parses_or_fails_with_a_syntax_failure(body):
    # whatever the host types, the parser answers with commands or SyntaxFailure, never a crash
    try:
        commands = parse_line(body)
    except SyntaxFailure:
        return
    assert all(isinstance(c, Command) for c in commands)
