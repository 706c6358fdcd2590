"""What the response of each command looks like (which lines are its own)."""

import pytest

from driver.response_shapes import ResponseShape, shape_for, split_commands


@pytest.mark.parametrize(
    ("command", "shape"),
    [
        ("AT", ResponseShape("AT")),
        ("ATE0", ResponseShape("ATE0")),
        ("ATI", ResponseShape("ATI", untagged_info=True)),
        ("AT+CGMR", ResponseShape("AT+CGMR", untagged_info=True)),
        ("AT+CNACT?", ResponseShape("AT+CNACT?", info_prefixes=("+CNACT:",))),
        ("AT+CSQ", ResponseShape("AT+CSQ", info_prefixes=("+CSQ:",))),
        ("AT+FTPEXTGET?", ResponseShape("AT+FTPEXTGET?", info_prefixes=("+FTPEXTGET:",), max_info_lines=1)),
        ("AT+FTPEXTGET=1", ResponseShape("AT+FTPEXTGET=1")),
        ("AT+FTPEXTGET=3,0,100", ResponseShape("AT+FTPEXTGET=3,0,100", data_header="+FTPEXTGET: 3,")),
        ("AT+FTPGET=2,1460", ResponseShape("AT+FTPGET=2,1460", data_header="+FTPGET: 2,")),
        ("at+ftplist=2,1460", ResponseShape("at+ftplist=2,1460", data_header="+FTPLIST: 2,")),
        ("AT+FTPPUT=2,100", ResponseShape("AT+FTPPUT=2,100", prompt="+FTPPUT: 2,")),
        ("AT+FTPPUT=2,0", ResponseShape("AT+FTPPUT=2,0")),
        ("AT+FTPEXTPUT=2,0,10,1000", ResponseShape("AT+FTPEXTPUT=2,0,10,1000", prompt="+FTPEXTPUT: ")),
        ("AT+FTPEXTPUT?", ResponseShape("AT+FTPEXTPUT?", info_prefixes=("+FTPEXTPUT:",), max_info_lines=1)),
        ("AT+FTPETPUT=2", ResponseShape("AT+FTPETPUT=2", prompt="+FTPETPUT: 2,", ok_before_prompt=True)),
        ("AT+FTPSTATE", ResponseShape("AT+FTPSTATE", info_prefixes=("+FTPSTATE:",), max_info_lines=1)),
        ("AT+FTPTYPE=?", ResponseShape("AT+FTPTYPE=?", info_prefixes=("+FTPTYPE:", "+FTPPORT:"))),
        ("AT+FTPSIZE", ResponseShape("AT+FTPSIZE")),
    ],
)
def test_shapes(command, shape):
    assert shape_for(command) == shape


def test_joined_commands_take_every_tag():
    shape = shape_for('AT+CGMR;+CSQ;+FTPGETNAME="a;b"')
    assert shape.untagged_info
    assert shape.info_prefixes == ("+CSQ:", "+FTPGETNAME:")


def test_semicolons_inside_quotes_do_not_split():
    assert split_commands('+FTPGETNAME="a;b";+CSQ') == ['+FTPGETNAME="a;b"', "+CSQ"]


def test_only_command_lines():
    with pytest.raises(ValueError):
        shape_for("+CSQ")
