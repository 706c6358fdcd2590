"""Every fault knob of the emulator, and what the driver makes of it.

For each: the operation returns the exact data or raises its documented typed
error within its timeout; the module answers `AT` afterwards; the next
operation succeeds. Emulator only (the `emulator` fixture): on a bench these
are skipped with the reason.
"""

from dataclasses import replace

import pytest

from driver import (
    AtError,
    AtTimeout,
    BearerError,
    CmeError,
    FtpAuthenticationError,
    FtpConnectionError,
    FtpError,
    FtpFileError,
    FtpNotAllowedError,
    FtpQuitError,
    FtpRemoteError,
    FtpTimeoutError,
    FtpTransferError,
    ModuleReset,
    ProtocolError,
    TransferMismatch,
)

from .payloads import payload

SIZE = 200_000  # big enough for a fault to land mid-transfer, small enough to stay quick


@pytest.fixture
def short_timeouts(modem):
    """Driver timeouts cut to a twentieth: a dead module is noticed in seconds, not minutes."""
    channel = modem.channel
    channel.timeouts = replace(channel.timeouts, scale=0.05)
    return modem


@pytest.fixture
def seeded(remote):
    data = payload(SIZE, seed=11)
    return remote.seed("f.bin", data), data


def still_fine(modem, ftp, seeded):
    """The module answers and the next operation works."""
    modem.command("AT")
    path, data = seeded
    assert ftp.get(path) == data


# -- the FTP server misbehaves (emulator.server, a real pyftpdlib server) --------------------


def test_server_refuses_the_login(modem, ftp, emulator, seeded):
    emulator.server.faults.refuse_login(once=True)
    with pytest.raises(FtpAuthenticationError) as failure:
        ftp.get(seeded[0])
    assert failure.value.code == 72
    still_fine(modem, ftp, seeded)


@pytest.mark.parametrize(
    "command, code, error, module_code",
    [
        ("RETR", 550, FtpFileError, 77),
        ("RETR", 450, FtpFileError, 77),
        ("PASV", 421, FtpConnectionError, 75),
        ("TYPE", 421, FtpRemoteError, 73),
        ("USER", 421, FtpAuthenticationError, 71),
    ],
)
def test_server_replies_an_error_to_a_command(modem, ftp, emulator, seeded, command, code, error, module_code):
    emulator.server.faults.reply(command, code, once=True)
    with pytest.raises(error) as failure:
        ftp.get(seeded[0])
    assert failure.value.code == module_code
    still_fine(modem, ftp, seeded)


def test_server_cuts_the_download_and_resume_completes_it(modem, ftp, emulator, seeded):
    path, data = seeded
    emulator.server.faults.cut_data(after_bytes=70_000, once=True)
    with pytest.raises(FtpTransferError) as failure:
        ftp.get(path)
    assert failure.value.code == 79
    emulator.server.faults.cut_data(after_bytes=70_000, once=True)
    assert ftp.get(path, resume=True) == data  # AT+FTPREST at the bytes already received


def test_server_cuts_an_upload(modem, ftp, emulator, remote, seeded):
    emulator.server.faults.cut_data(after_bytes=5000, once=True)
    with pytest.raises(FtpTransferError) as failure:
        ftp.put(remote.file("up.bin"), payload(50_000))
    assert failure.value.code == 78
    still_fine(modem, ftp, seeded)


def test_server_stalls_past_the_timeout(modem, ftp, emulator, seeded):
    # the module gives up after server_timeout (75 s, here scaled; the engine keeps a 1 s floor)
    emulator.time_scale = 0.001
    emulator.server.faults.stall(5.0, command="RETR", once=True)
    with pytest.raises(FtpTimeoutError) as failure:
        ftp.get(seeded[0])
    assert failure.value.code == 64
    emulator.time_scale = 1.0
    still_fine(modem, ftp, seeded)


def test_server_stalls_briefly_and_the_download_succeeds(ftp, emulator, seeded):
    emulator.server.faults.stall(0.3, command="RETR", once=True)
    assert ftp.get(seeded[0]) == seeded[1]


def test_server_throttles_the_data_connection(ftp, emulator, seeded):
    emulator.server.faults.throttle(150_000)
    assert ftp.get(seeded[0]) == seeded[1]


# -- the module's FTP session fails (emulator.faults) --------------------------------------------

FAMILIES = [
    (61, FtpConnectionError), (62, FtpConnectionError), (63, FtpConnectionError), (64, FtpTimeoutError),
    (65, FtpRemoteError), (66, FtpNotAllowedError), (70, FtpRemoteError), (71, FtpAuthenticationError),
    (72, FtpAuthenticationError), (73, FtpRemoteError), (74, FtpRemoteError), (75, FtpConnectionError),
    (76, FtpConnectionError), (77, FtpFileError), (79, FtpTransferError), (80, FtpQuitError),
    (90, FtpConnectionError), (91, FtpConnectionError), (92, FtpAuthenticationError), (93, FtpRemoteError),
    (94, FtpRemoteError),
]  # fmt: skip


@pytest.mark.parametrize("code, family", FAMILIES)
def test_a_session_ending_with_any_code_raises_its_family(modem, ftp, emulator, seeded, code, family):
    emulator.faults.fail_session(code, "get")
    with pytest.raises(family) as failure:
        ftp.get(seeded[0])
    assert failure.value.code == code
    still_fine(modem, ftp, seeded)


@pytest.mark.parametrize("operation, call", [
    ("size", lambda ftp, path: ftp.size(path)),
    ("mdtm", lambda ftp, path: ftp.mdtm(path)),
    ("list", lambda ftp, path: ftp.list(path.rsplit("/", 1)[0])),
    ("etget", lambda ftp, path: ftp.get_transparent(path)),
    ("extget", lambda ftp, path: ftp.get_extended(path)),
])  # fmt: skip
def test_other_operations_fail_the_same_way(modem, ftp, emulator, seeded, operation, call):
    emulator.faults.fail_session(65, operation)
    with pytest.raises(FtpRemoteError) as failure:
        call(ftp, seeded[0])
    assert failure.value.code == 65
    still_fine(modem, ftp, seeded)


def test_a_session_failing_mid_transfer_is_resumed_exactly(ftp, emulator, seeded):
    path, data = seeded
    emulator.faults.fail_session(79, "get", after_bytes=60_000)
    assert ftp.get(path, resume=True) == data


def test_a_slow_connect_still_succeeds(ftp, emulator, seeded):
    emulator.faults.delay_connect(0.5, "get")
    assert ftp.get(seeded[0]) == seeded[1]


# -- the network and the module --------------------------------------------------------------


def test_bearer_lost_mid_download_is_61(modem, ftp, emulator, seeded):
    # +APP PDP: 0,DEACTIVE, then +FTPGET: 1,61
    emulator.network.drop_bearer(0, when={"after_bytes": 80_000})
    with pytest.raises(FtpConnectionError) as failure:
        ftp.get(seeded[0])
    assert failure.value.code == 61
    assert 0 in modem.lost_bearers
    still_fine(modem, ftp, seeded)  # the driver activates the bearer again first


def test_bearer_lost_mid_download_and_resume_completes_it(ftp, emulator, seeded):
    emulator.network.drop_bearer(0, when={"after_bytes": 80_000})
    assert ftp.get(seeded[0], resume=True) == seeded[1]


def test_signal_and_registration_changes_are_what_the_module_reports(modem, emulator):
    emulator.network.signal(5, 3)
    assert modem.command("AT+CSQ").lines == ("+CSQ: 5,3",)
    modem.command("AT+CEREG=1")
    with modem.channel.subscribe("+CEREG:") as urcs:
        emulator.network.registration(2)
        assert urcs.wait(5).text == "+CEREG: 2"
        assert modem.command("AT+CEREG?").lines == ("+CEREG: 1,2",)
        emulator.network.registration(1)
        assert urcs.wait(5).text == "+CEREG: 1"
    emulator.network.attach(False)
    assert modem.command("AT+CGATT?").lines == ("+CGATT: 0",)


def test_lost_registration_takes_the_bearer_and_the_next_session_fails(modem, ftp, emulator, seeded):
    emulator.network.registration(0)  # the bearer goes: +APP PDP: 0,DEACTIVE
    # if the driver has read the URC, it tries to bring the bearer back and the network says
    # no; if the URC is still on its way, the session itself ends with 61
    with pytest.raises((BearerError, FtpConnectionError)):
        ftp.get(seeded[0])
    emulator.network.registration(1)
    still_fine(modem, ftp, seeded)


def test_sim_removed_then_inserted(modem, ftp, emulator, seeded):
    with modem.channel.subscribe("+CPIN:") as urcs:
        emulator.module.remove_sim()
        urcs.wait(5)
    assert modem.sim_state == "NOT READY"
    assert modem.command("AT+CPIN?").lines == ("+CPIN: NOT READY",)
    with pytest.raises((BearerError, FtpConnectionError)):  # no SIM, no network, no bearer
        ftp.get(seeded[0])
    emulator.module.insert_sim()
    modem.command("AT")
    assert modem.command("AT+CPIN?").lines == ("+CPIN: READY",)
    still_fine(modem, ftp, seeded)


def test_reboot_mid_download_is_a_module_reset(modem, ftp, emulator, seeded):
    emulator.server.faults.throttle(200_000)  # keep the transfer going while the reboot lands
    emulator.module.reboot(when={"after_bytes": 50_000})
    with pytest.raises(ModuleReset):
        ftp.get(seeded[0])
    emulator.server.faults.throttle(None)
    assert modem.resets_seen == 1
    still_fine(modem, ftp, seeded)  # echo off, CMEE, bearer and parameters are set again


def test_power_off_mid_download_times_out_and_power_on_recovers(short_timeouts, ftp, emulator, seeded):
    modem = short_timeouts
    emulator.module.power_off(when={"after_bytes": 50_000})
    with pytest.raises((AtTimeout, ModuleReset)):
        ftp.get(seeded[0])
    with pytest.raises(AtTimeout):
        modem.command("AT")  # nothing answers a module that is off
    modem.channel.clear_unconsumed()
    emulator.module.power_on()
    modem.channel.synchronize()
    still_fine(modem, ftp, seeded)


# -- the UART ----------------------------------------------------------------------------------------


def test_writes_split_into_small_pieces(ftp, emulator, seeded):
    emulator.uart.split_writes(7)
    path, data = seeded
    assert ftp.get(path) == data


def test_writes_split_into_small_pieces_with_gaps(ftp, emulator, remote):
    data = payload(6000, seed=8)
    path = remote.seed("gaps.bin", data)
    emulator.uart.split_writes(7, gap=0.0002)
    assert ftp.get(path) == data


def test_inter_byte_delay(modem, ftp, emulator, remote):
    data = payload(3000, seed=4)
    path = remote.seed("small.bin", data)
    emulator.uart.inter_byte_delay(0.00002)
    assert ftp.get(path) == data


def test_baud_rate_pacing(ftp, emulator, remote):
    data = payload(20_000, seed=5)
    path = remote.seed("paced.bin", data)
    emulator.uart.pacing(921_600)
    assert ftp.get(path) == data


def test_noise_between_answers_is_reported_and_loses_nothing(modem, ftp, emulator, seeded):
    emulator.uart.inject_noise(b"\x00\xff#%noise", when={"after_commands": 3}, once=False)
    path, data = seeded
    assert ftp.get(path) == data
    noise = modem.channel.clear_unconsumed()
    assert noise and all(type(event).__name__ == "Noise" for event in noise)


@pytest.mark.parametrize("after", [3, 40, 3000, 60_000])
def test_a_dropped_byte_is_never_silent(modem, ftp, emulator, seeded, after):
    # one byte the module sent never arrives: exact data anyway (it was framing) or a typed
    # error, never wrong data. Counted from the download's AT+FTPGET=1: its OK, the data URC,
    # a block header, the data.
    modem.channel.timeouts = replace(modem.channel.timeouts, scale=0.2)
    emulator.uart.drop_byte(after=after, when={"on_session": "get"})
    path, data = seeded
    try:
        assert ftp.get(path) == data
    except (ProtocolError, AtError, AtTimeout, FtpError):
        pass
    assert not ftp.busy()  # the driver ended the session it gave up on
    modem.channel.clear_unconsumed()
    still_fine(modem, ftp, seeded)


def test_a_byte_lost_toward_the_module_is_an_error_answer(modem, emulator):
    emulator.uart.drop_byte(after=4, direction="to_module")  # AT+C?SQ: the module hears AT+CQ
    with pytest.raises(AtError):
        modem.command("AT+CSQ")
    assert modem.command("AT+CSQ").lines


def test_a_late_final_result_within_the_timeout(modem, emulator):
    emulator.uart.delay_final_result(0.5, command="AT+CGMR")
    assert modem.command("AT+CGMR").lines == ("Revision:1951B16SIM7080",)


def test_a_final_result_later_than_the_timeout(short_timeouts, emulator):
    modem = short_timeouts
    emulator.uart.delay_final_result(2.0, command="AT+CGMR")
    with pytest.raises(AtTimeout) as failure:
        modem.command("AT+CGMR")
    assert "AT+CGMR" in str(failure.value)
    modem.channel.synchronize()  # the late OK is recognised as late, not taken for a later answer
    assert modem.command("AT+CGMM").lines == ("SIMCOM_SIM7080",)
    modem.channel.clear_unconsumed()


# -- scripted responses and URCs ------------------------------------------------------------------


def test_a_replaced_response_once_and_always(modem, emulator):
    emulator.script.respond("AT+CSQ", ["+CSQ: 7,1"])
    assert modem.command("AT+CSQ").lines == ("+CSQ: 7,1",)
    assert modem.command("AT+CSQ").lines == ("+CSQ: 20,0",)
    emulator.script.respond("AT+CGMR", ["Revision:1951B17SIM7080"], once=False)
    for _ in range(3):
        assert modem.command("AT+CGMR").lines == ("Revision:1951B17SIM7080",)


def test_a_replaced_error_result(modem, emulator):
    emulator.script.respond("AT+CSQ", result="+CME ERROR: 30")
    with pytest.raises(CmeError) as failure:
        modem.command("AT+CSQ")
    assert failure.value.code == 30


def test_a_response_that_never_ends(short_timeouts, emulator):
    modem = short_timeouts
    emulator.script.respond("AT+CGSN", ["869951030006302"], result=None)
    with pytest.raises(AtTimeout):
        modem.command("AT+CGSN")
    modem.channel.clear_unconsumed()
    assert modem.command("AT+CGSN").lines == ("869951030006302",)


@pytest.mark.parametrize("point", ["before_echo", "after_echo", "after_result", "now"])
def test_a_urc_at_every_point_of_an_exchange(modem, emulator, point):
    modem.command("ATE1")  # the echo makes "between echo and response" a real place
    with modem.channel.subscribe("+CEREG:") as urcs:
        emulator.script.inject_urc("+CEREG: 5", at=point, command="AT+CGMR")
        assert modem.command("AT+CGMR").lines == ("Revision:1951B16SIM7080",)
        assert urcs.wait(5).text == "+CEREG: 5"


def test_a_scripted_fault_after_a_number_of_commands(modem, emulator):
    emulator.network.signal(9, 9, when={"after_commands": 2})
    assert modem.command("AT+CSQ").lines == ("+CSQ: 20,0",)
    assert modem.command("AT+CSQ").lines == ("+CSQ: 20,0",)  # the rule fires after this one
    assert modem.command("AT+CSQ").lines == ("+CSQ: 9,9",)


def test_a_scripted_fault_at_a_time(modem, emulator):
    emulator.time_scale = 0.01
    with modem.channel.subscribe("+CEREG:") as urcs:
        emulator.script.inject_urc("+CEREG: 5", when={"after_seconds": 30})  # 0.3 s here
        assert urcs.wait(10).text == "+CEREG: 5"


# -- timing ---------------------------------------------------------------------------------------


def test_data_announcements_repeat_and_unread_data_times_out(modem, ftp, emulator, seeded):
    # +FTPGET: 1,1 every data_urc_repeat while unread; 64 after idle_timeout. 1000x faster here.
    emulator.timing.set(data_urc_repeat=5.0, idle_timeout=30.0)
    emulator.time_scale = 0.001
    assert ftp.size(seeded[0]) == SIZE
    modem.command(f'AT+FTPGETNAME="{seeded[0].rsplit("/", 1)[1]}"')
    with modem.channel.subscribe("+FTPGET: 1,") as urcs:
        modem.command("AT+FTPGET=1")
        texts = [urcs.wait(30).text]
        while texts[-1] != "+FTPGET: 1,64":
            texts.append(urcs.wait(30).text)
    assert texts[:-1] == ["+FTPGET: 1,1"] * 6


def test_profile_delays_slow_answers_but_not_results(modem, emulator):
    emulator.timing.set(command_delay=0.2)
    assert modem.command("AT+CGMM").lines == ("SIMCOM_SIM7080",)


def test_a_byte_the_module_missed_in_a_transparent_upload_is_caught(modem, ftp, emulator, remote, seeded):
    # the DLE/ETX stream carries no count: only the size check afterwards can notice
    data = payload(20_000, seed=12)
    emulator.uart.drop_byte(after=5000, direction="to_module", when={"on_session": "etput"})
    with pytest.raises(TransferMismatch) as failure:
        ftp.put_transparent(remote.file("t.bin"), data)
    assert (failure.value.count, failure.value.stored) == (len(data), len(data) - 1)
    still_fine(modem, ftp, seeded)


def test_a_byte_lost_in_a_transparent_download_is_caught(modem, ftp, emulator, seeded):
    emulator.uart.drop_byte(after=5000, when={"on_session": "etget"})
    with pytest.raises((TransferMismatch, ProtocolError)):  # a lost DLE or ETX breaks the framing instead
        ftp.get_transparent(seeded[0])
    modem.channel.clear_unconsumed()
    still_fine(modem, ftp, seeded)
