"""Extended (RAM buffer) and transparent (DLE/ETX data mode) FTP commands, reference 4.6-4.12."""

from .. import args
from ..errors import SyntaxFailure, invalid_value, state_violation
from ..ftp.transparent import TransparentPutSession
from ..replies import DataPhase, Reply
from . import Handler, table

EXTPUT_TIMEOUT_MS = (1000, 1000000)  # serial input window of AT+FTPEXTPUT=2, M105 15.2.19


def _extput_read(module, command):
    ftp = module.ftp
    return [f"+FTPEXTPUT: {int(ftp.extput_mode)},{len(ftp.extput)}"]


def _extput_write(module, command):
    ftp = module.ftp
    values = args.arity(command, 1, 4)
    mode = args.integer(values[0], 0, 2)
    if mode != 2:
        if len(values) != 1:
            raise SyntaxFailure("+FTPEXTPUT=0|1 takes no more arguments")
        if ftp.busy:
            raise state_violation()
        ftp.extput_mode = mode == 1
        if mode == 0:  # AN: leaving the extended method also clears its buffer
            ftp.extput = bytearray()
        return None
    if len(values) != 4:
        raise SyntaxFailure("+FTPEXTPUT=2 needs <pos>,<len>,<timeout>")
    size = module.profile.limits.extput_buffer
    position = args.integer(values[1], 0, size - 1)
    length = args.integer(values[2], 1, size)
    timeout_ms = args.integer(values[3], *EXTPUT_TIMEOUT_MS)
    if position + length > size:
        raise invalid_value()
    if not ftp.extput_mode or ftp.busy:
        raise state_violation()

    def store(data: bytes) -> None:
        buffer = ftp.extput
        if len(buffer) < position:
            buffer.extend(bytes(position - len(buffer)))
        buffer[position : position + length] = data

    return DataPhase(
        prompt=[f"+FTPEXTPUT: {position},{length}"],
        length=length,
        on_data=store,
        timeout=timeout_ms / 1000,
    )


def _extget_read(module, command):
    ftp = module.ftp
    return [f"+FTPEXTGET: {ftp.extget_mode},{len(ftp.extget)}"]


def _extget_write(module, command):
    ftp = module.ftp
    values = args.arity(command, 1, 3)
    mode = args.integer(values[0], 0, 3)
    if mode in (0, 1) and len(values) != 1:
        raise SyntaxFailure("+FTPEXTGET=0|1 takes no more arguments")
    if mode == 0:
        if ftp.busy:
            raise state_violation()
        ftp.extget_mode, ftp.extget = 0, bytearray()
        return None
    if mode == 1:
        ftp.extended_get()
        return None
    if mode == 2:
        # download into the module file system: no file system is emulated
        raise SyntaxFailure("+FTPEXTGET=2 (to the file system) is not emulated")
    if len(values) != 3:
        raise SyntaxFailure("+FTPEXTGET=3 needs <pos>,<len>")
    position = args.integer(values[1], 0, module.profile.limits.extget_read)
    length = args.integer(values[2], 1, module.profile.limits.extget_read)
    if ftp.extget_mode != 1 or position >= len(ftp.extget):
        raise state_violation()
    data = bytes(ftp.extget[position : position + length])  # a copy: the buffer may still grow
    return Reply([f"+FTPEXTGET: 3,{len(data)}"], payload=data)


def _extget_test(module, command):
    return [f"+FTPEXTGET: (0-3),(0-3),{module.profile.limits.ext_file_name}"]


def _etput_write(module, command):
    (value,) = args.arity(command, 1)
    mode = args.integer(value, 1, 2)
    if mode == 1:
        module.ftp.transparent_put()
        return None
    return module.ftp.running(TransparentPutSession).begin_data()


def _etget_write(module, command):
    (value,) = args.arity(command, 1)
    args.integer(value, 1, 1)
    module.ftp.transparent_get()


HANDLERS = table(
    Handler("+FTPEXTPUT", test="", read=_extput_read, write=_extput_write, data_phase=True),
    Handler("+FTPEXTGET", test=_extget_test, read=_extget_read, write=_extget_write),
    Handler("+FTPETPUT", test="+FTPETPUT: (1,2)", write=_etput_write, data_phase=True),
    Handler("+FTPETGET", test="+FTPETGET: 1", write=_etget_write),
)
