"""AtChannel on a real pty pair against a scripted module that answers in 7-byte pieces."""

from __future__ import annotations

import threading

import pytest

from driver import AtChannel, AtError, AtTimeout, ChannelClosed, CmeError, Timeouts
from driver.events import Noise, UploadPrompt, Urc

from .conftest import UNIT_TIMEOUTS
from .pty_module import PtyModule, Step

# -- commands -------------------------------------------------------------------------------


def test_command_with_echo_on(script, channel):
    # AT+CSQ       echo on: the module repeats the line, then answers
    #   module:    AT+CSQ<CR> <CR><LF>+CSQ: 20,0<CR><LF><CR><LF>OK<CR><LF>
    script.echo = True
    script.add(Step(b"AT+CSQ", b"\r\n+CSQ: 20,0\r\n\r\nOK\r\n"))
    response = channel.command("AT+CSQ")
    assert response.lines == ("+CSQ: 20,0",)
    assert response.fields("+CSQ:") == ["20", "0"]
    assert channel.unconsumed() == []


def test_command_with_echo_off(script, channel):
    # AT+CNACT?  ->  four contexts, OK   (AN 4.1)
    script.add(
        Step(
            b"AT+CNACT?",
            b'\r\n+CNACT: 0,1,"10.94.36.44"\r\n+CNACT: 1,0,"0.0.0.0"\r\n+CNACT: 2,0,"0.0.0.0"\r\n'
            b'+CNACT: 3,0,"0.0.0.0"\r\n\r\nOK\r\n',
        )
    )
    response = channel.command("AT+CNACT?")
    assert len(response.lines) == 4
    assert response.fields("+CNACT:") == ["0", "1", "10.94.36.44"]  # the first such line


def test_error_names_the_command_and_the_bytes(script, channel):
    # AT+FTPGET=2,1000 before +FTPGET: 1,1  ->  ERROR   (AN 5.6)
    script.add(Step(b"AT+FTPGET=2,1000", b"\r\nERROR\r\n"))
    with pytest.raises(AtError) as caught:
        channel.command("AT+FTPGET=2,1000")
    assert type(caught.value) is AtError
    assert caught.value.command == "AT+FTPGET=2,1000"
    assert caught.value.seen.startswith(b"\r\nERROR\r")  # its LF may still be on the way
    assert "AT+FTPGET=2,1000" in str(caught.value) and "\\r\\nERROR\\r\\n" in str(caught.value)


def test_cme_error_with_text(script, channel):
    # AT+CPIN=1234 (AT+CMEE=2)  ->  +CME ERROR: operation not allowed
    script.add(Step(b"AT+CPIN=1234", b"\r\n+CME ERROR: operation not allowed\r\n"))
    with pytest.raises(CmeError) as caught:
        channel.command("AT+CPIN=1234")
    assert caught.value.code == 3
    assert caught.value.text == "operation not allowed"
    assert "AT+CPIN=1234" in str(caught.value)


def test_data_block_holding_ok_and_urcs(script, channel):
    # AT+FTPGET=2,1460  ->  +FTPGET: 2,<n>, n bytes that look like answers, OK
    payload = b"\r\nOK\r\n\r\n+FTPGET: 1,0\r\n\x03\x10" + bytes(range(256))
    script.add(Step(b"AT+FTPGET=2,1460", b"\r\n+FTPGET: 2,%d\r\n" % len(payload) + payload + b"\r\nOK\r\n"))
    assert channel.command("AT+FTPGET=2,1460").data == payload
    assert channel.unconsumed() == []


# -- URCs -----------------------------------------------------------------------------------


def test_urcs_before_the_echo_between_echo_and_answer_and_after_ok(script, module, channel):
    # AT+CSQ   the module interleaves URCs wherever hardware may:
    #   +APP PDP: 0,DEACTIVE / AT+CSQ<CR> / RDY / +CSQ: 20,0 / OK / SMS Ready
    script.add(
        Step(
            b"AT+CSQ",
            b"\r\n+APP PDP: 0,DEACTIVE\r\nAT+CSQ\r\r\nRDY\r\n\r\n+CSQ: 20,0\r\n\r\nOK\r\n\r\nSMS Ready\r\n",
        )
    )
    with channel.subscribe(("+APP PDP:", "RDY", "SMS Ready")) as urcs:
        assert channel.command("AT+CSQ").lines == ("+CSQ: 20,0",)
        got = [urcs.wait(2.0).text for _ in range(3)]
    assert got == ["+APP PDP: 0,DEACTIVE", "RDY", "SMS Ready"]
    assert channel.unconsumed() == []


def test_urcs_nobody_took_are_unconsumed(script, module, channel):
    script.add(Step(b"AT", b"\r\nOK\r\n"))
    module.write(b"\r\n+APP PDP: 0,DEACTIVE\r\n")
    channel.command("AT")  # the URC went out before the answer, so it has been read
    assert channel.unconsumed() == [Urc("+APP PDP: 0,DEACTIVE")]
    assert channel.clear_unconsumed() == [Urc("+APP PDP: 0,DEACTIVE")]
    assert channel.unconsumed() == []


def test_callback_subscription_runs_on_the_reader_thread(script, module, channel):
    seen, done = [], threading.Event()

    def on_urc(event):
        seen.append((event, threading.current_thread().name))
        done.set()

    channel.subscribe("+CPIN:", on_urc)
    module.write(b"\r\n+CPIN: NOT READY\r\n")
    assert done.wait(2.0)
    assert seen == [(Urc("+CPIN: NOT READY"), f"at-reader {module.port}")]


def test_a_surplus_line_of_a_one_line_query_is_handed_on_as_a_urc(script, channel):
    # AT+FTPEXTGET?  crossed by the download-finished URC before the answer:
    #   +FTPEXTGET: 1,0 / +FTPEXTGET: 1,300000 / OK
    script.add(Step(b"AT+FTPEXTGET?", b"\r\n+FTPEXTGET: 1,0\r\n\r\n+FTPEXTGET: 1,300000\r\n\r\nOK\r\n"))
    with channel.subscribe("+FTPEXTGET: 1,") as urcs:
        assert channel.command("AT+FTPEXTGET?").lines == ("+FTPEXTGET: 1,300000",)
        assert urcs.wait(2.0) == Urc("+FTPEXTGET: 1,0")


# -- uploads ---------------------------------------------------------------------------------


def test_upload_writes_exactly_the_confirmed_bytes(script, channel):
    # AT+FTPPUT=2,100  ->  +FTPPUT: 2,100, (100 bytes) OK, +FTPPUT: 1,1,1360   (AN 5.2)
    payload = bytes(range(100))
    step = Step(
        b"AT+FTPPUT=2,100",
        b"\r\n+FTPPUT: 2,100\r\n",
        payload=100,
        after=b"\r\nOK\r\n\r\n+FTPPUT: 1,1,1360\r\n",
    )
    script.add(step)
    prompts = []

    def send(prompt: UploadPrompt) -> None:
        prompts.append(prompt)
        channel.write_raw(payload[: prompt.length])

    with channel.subscribe("+FTPPUT: 1,") as urcs:
        response = channel.upload("AT+FTPPUT=2,100", send)
        assert urcs.wait(2.0) == Urc("+FTPPUT: 1,1,1360")
    assert prompts == [UploadPrompt("+FTPPUT: 2,100", 100)] == [response.prompt]
    assert step.received == payload


@pytest.mark.parametrize("preamble", [b"\r\nOK\r\n", b""], ids=["application-note", "manual"])
def test_transparent_upload_with_or_without_ok_before_the_prompt(script, channel, preamble):
    # AT+FTPETPUT=2  ->  [OK] +FTPETPUT: 2,1, (escaped data, ETX) OK   (AN 5.14 / M105 15.2.24)
    step = Step(
        b"AT+FTPETPUT=2", preamble + b"\r\n+FTPETPUT: 2,1\r\n", payload="escaped", after=b"\r\nOK\r\n"
    )
    script.add(step)
    response = channel.upload("AT+FTPETPUT=2", lambda prompt: channel.write_raw(b"a\x10\x03b\x03"))
    assert response.prompt == UploadPrompt("+FTPETPUT: 2,1", None)
    assert step.received == b"a\x03b"
    assert channel.unconsumed() == []


def test_error_instead_of_a_prompt(script, channel):
    # AT+FTPPUT=2,1000 before +FTPPUT: 1,1,1360  ->  ERROR   (AN 5.6)
    script.add(Step(b"AT+FTPPUT=2,1000", b"\r\nERROR\r\n"))
    with pytest.raises(AtError):
        channel.upload("AT+FTPPUT=2,1000", lambda prompt: pytest.fail("no prompt came"))


def test_write_raw_only_inside_the_command_lock(channel):
    with pytest.raises(RuntimeError):
        channel.write_raw(b"x")


def test_commands_and_uploads_are_not_mixed_up(channel):
    with pytest.raises(ValueError):
        channel.command("AT+FTPPUT=2,10")
    with pytest.raises(ValueError):
        channel.upload("AT+CSQ", lambda prompt: None)


# -- timeouts -----------------------------------------------------------------------------------


def test_timeout_names_command_time_and_last_bytes(script, module, channel):
    # AT+FTPSTATE -> nothing at all; the last bytes on the line were a URC
    script.add(Step(b"AT+FTPSTATE", b"\r\n+FTPGET: 1,1\r\n"))
    with pytest.raises(AtTimeout) as caught:
        channel.command("AT+FTPSTATE", timeout=0.3)
    error = caught.value
    assert error.command == "AT+FTPSTATE"
    assert 0.3 <= error.waited < 2.0
    assert error.tail.endswith(b"\r\n+FTPGET: 1,1\r\n")
    assert "AT+FTPSTATE" in str(error) and "\\r\\n+FTPGET: 1,1\\r\\n" in str(error)
    assert "in-memory transcript" in str(error)


def test_after_a_timeout_the_late_answer_is_not_taken_for_the_next_ones(script, module, channel):
    #   host: AT+CSQ      module: (nothing in time)
    #   host: AT+CMEE?    module: +CSQ: 20,0 / OK      (late: the answer to AT+CSQ)
    #                             +CMEE: 2 / OK        (the answer to AT+CMEE?)
    #   host: AT          module: OK
    script.add(
        Step(b"AT+CSQ", b""),
        Step(b"AT+CMEE?", b"\r\n+CSQ: 20,0\r\n\r\nOK\r\n\r\n+CMEE: 2\r\n\r\nOK\r\n"),
        Step(b"AT", b"\r\nOK\r\n"),
        Step(b"AT+CSQ", b"\r\n+CSQ: 21,0\r\n\r\nOK\r\n"),
    )
    with pytest.raises(AtTimeout):
        channel.command("AT+CSQ", timeout=0.2)
    assert channel.command("AT").lines == ()
    assert channel.command("AT+CSQ").lines == ("+CSQ: 21,0",)
    late = channel.unconsumed()
    assert [getattr(e, "text", None) for e in late] == ["+CSQ: 20,0", None]
    assert type(late[1]).__name__ == "Ok"


def test_global_timeouts_apply_when_a_call_gives_none(script, module):
    script.add(Step(b"AT+CSQ", b""))
    with (
        AtChannel.open(module.port, timeouts=Timeouts(command=0.2)) as channel,
        pytest.raises(AtTimeout) as caught,
    ):
        channel.command("AT+CSQ")
    assert caught.value.waited < 1.5


def test_timeouts_per_command():
    timeouts = Timeouts()
    assert timeouts.for_command("AT+CFUN=1,1") == 10.0
    assert timeouts.for_command("AT+CPIN?") == 5.0
    assert timeouts.for_command("AT+CGATT=1") == 75.0
    assert timeouts.for_command("AT+COPS=?") == 45.0
    assert timeouts.for_command('AT+FTPSERV="x"') == 5.0
    # a 320 KiB read-back at 115200 baud takes 28 s of line time alone
    assert timeouts.for_command("AT+FTPEXTGET=3,0,327680", 115200) > 5.0 + 28.0
    assert Timeouts(scale=3.0).for_command("AT+CFUN=0") == 30.0


# -- synchronising ---------------------------------------------------------------------------------


def test_synchronize_after_noise_and_a_first_silent_attempt(script, module, channel):
    # the module powers up noisy, echoing, and misses the first AT:
    #   host: AT          module: (nothing)
    #   host: AT          module: AT<CR> OK
    #   host: AT+CMEE?    module: AT+CMEE?<CR> +CMEE: 0 OK   (that OK was not a late one)
    #   host: ATE0        module: ATE0<CR> OK       (still echoed: echo was on)
    #   host: AT+CMEE=2   module: OK
    module.write(b"\x00\xff\r\nRDY\r\n\x7f")
    script.add(
        Step(b"AT", b""),
        Step(b"AT", b"AT\r\r\nOK\r\n"),
        Step(b"AT+CMEE?", b"AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n"),
        Step(b"ATE0", b"ATE0\r\r\nOK\r\n"),
        Step(b"AT+CMEE=2", b"\r\nOK\r\n"),
    )
    channel.synchronize(attempt_timeout=0.3)
    assert channel.unconsumed() == []


def test_synchronize_gives_up_after_its_attempts(script, module, channel):
    script.add(*[Step(b"AT", b"") for _ in range(3)])
    with pytest.raises(AtTimeout) as caught:
        channel.synchronize(attempts=3, attempt_timeout=0.1)
    assert "OK in 3 attempts" in str(caught.value)


# -- threads, closing, failures ---------------------------------------------------------------------


def test_commands_from_two_threads_each_get_their_own_answer():
    def answer(module: PtyModule, line: bytes) -> None:
        # AT+CSQ=<n> (not a real form; just a tag)  ->  +CSQ: <n> / OK
        module.write(b"\r\n+CSQ: " + line.split(b"=")[1] + b"\r\n\r\nOK\r\n")

    with PtyModule(answer) as module, AtChannel.open(module.port, timeouts=UNIT_TIMEOUTS) as channel:
        failures = []

        def worker(base: int) -> None:
            for n in range(base, base + 40):
                lines = channel.command(f"AT+CSQ={n}").lines
                if lines != (f"+CSQ: {n}",):
                    failures.append((n, lines))

        threads = [threading.Thread(target=worker, args=(base,)) for base in (0, 1000)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        assert failures == []
        assert len(module.lines) == 80
        assert module.errors == []


def test_close_joins_the_reader_and_wakes_waiters(script, channel):
    subscription = channel.subscribe("+FTPGET: 1,")
    reader = channel._reader
    channel.close()
    assert not reader.is_alive()
    assert not channel.port.is_open
    with pytest.raises(ChannelClosed):
        subscription.wait(1.0)
    with pytest.raises(ChannelClosed):
        channel.command("AT")
    channel.close()  # a second close is harmless


def test_a_command_in_flight_when_the_port_dies():
    # AT+CSQ is sent; before any answer the USB adapter is pulled
    heard = threading.Event()
    with PtyModule(lambda module, line: heard.set()) as module:
        channel = AtChannel.open(module.port, timeouts=UNIT_TIMEOUTS)
        outcome = []
        worker = threading.Thread(target=lambda: outcome.append(_outcome(channel.command, "AT+CSQ")))
        worker.start()
        assert heard.wait(5)
        module.close()
        worker.join(5)
        channel.close()
    assert len(outcome) == 1 and isinstance(outcome[0], ChannelClosed)
    assert "failed" in str(outcome[0])


def _outcome(call, *args):
    try:
        return call(*args)
    except Exception as exc:
        return exc


def test_noise_is_unconsumed(script, module, channel):
    script.add(Step(b"AT", b"\r\n\x00\x01\r\n\r\nOK\r\n"))
    channel.command("AT")
    assert channel.unconsumed() == [Noise(b"\x00\x01")]


def test_transcript_records_both_ways_without_the_password(script, channel, transcript):
    script.add(Step(b'AT+FTPPW="hunter2"', b"\r\nOK\r\n"))
    channel.command('AT+FTPPW="hunter2"')
    assert transcript.written_bytes() == b'AT+FTPPW="***"\r'
    assert transcript.read_bytes().startswith(b"\r\nOK\r")  # its LF may still be on the way
