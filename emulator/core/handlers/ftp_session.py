"""FTP session commands (reference section 4): each starts one session against the server.

A start answers `OK` at once; the outcome follows as the operation's URC.
"""

from ...ftp.jobs import Operation
from .. import args
from ..errors import SyntaxFailure
from ..ftp.upload import UploadSession
from . import Handler, table


def _download(prefix: str, start):
    """FTPGET / FTPLIST write form: `=1` opens, `=2,<n>` reads up to n buffered bytes."""

    def write(module, command):
        values = args.arity(command, 1, 2)
        mode = args.integer(values[0], 1, 2)
        if mode == 1:
            if len(values) != 1:
                raise SyntaxFailure(f"{prefix}=1 takes no length")
            start(module.ftp)
            return None
        if len(values) != 2:
            raise SyntaxFailure(f"{prefix}=2 needs a length")
        return module.ftp.read(prefix, args.integer(values[1], 1, module.profile.limits.read_length))

    return write


def _put_write(module, command):
    values = args.arity(command, 1, 2)
    mode = args.integer(values[0], 1, 2)
    if mode == 1:
        if len(values) != 1:
            raise SyntaxFailure("+FTPPUT=1 takes no length")
        module.ftp.put()
        return None
    if len(values) != 2:
        raise SyntaxFailure("+FTPPUT=2 needs a length")
    length = args.integer(values[1], 0, module.profile.limits.put_length)
    return module.ftp.running(UploadSession).write(length)


def _put_test(module, command):
    limit = module.profile.limits.put_length
    return [f"+FTPPUT: (1,2),{limit},(1-{limit})"]


def _read_length_test(prefix: str):
    def test(module, command):
        return [f"{prefix}: (1,2),(1-{module.profile.limits.read_length})"]

    return test


def _single(operation: Operation, prefix: str):
    def execute(module, command):
        module.ftp.single(operation, prefix)

    return execute


def _dele_write(module, command):
    # AN 5.8 writes AT+FTPDELE=1; the manual's form is the bare execute. Both start it.
    (value,) = args.arity(command, 1)
    args.integer(value, 1, 1)
    module.ftp.single(Operation.DELETE, "+FTPDELE")


def _state(module, command):
    return [f"+FTPSTATE: {int(module.ftp.busy)}"]


def _quit(module, command):
    module.ftp.quit()


HANDLERS = table(
    Handler(
        "+FTPGET",
        test=_read_length_test("+FTPGET"),
        write=_download("+FTPGET", lambda ftp: ftp.get()),
    ),
    Handler(
        "+FTPLIST",
        test=_read_length_test("+FTPLIST"),
        write=_download("+FTPLIST", lambda ftp: ftp.list()),
    ),
    Handler("+FTPPUT", test=_put_test, write=_put_write, data_phase=True),
    Handler("+FTPDELE", test="", execute=_single(Operation.DELETE, "+FTPDELE"), write=_dele_write),
    Handler("+FTPSIZE", test="", execute=_single(Operation.SIZE, "+FTPSIZE")),
    Handler("+FTPMKD", test="", execute=_single(Operation.MKDIR, "+FTPMKD")),
    Handler("+FTPRMD", test="", execute=_single(Operation.RMDIR, "+FTPRMD")),
    Handler("+FTPRENAME", test="", execute=_single(Operation.RENAME, "+FTPRENAME")),
    Handler("+FTPMDTM", test="", execute=_single(Operation.MDTM, "+FTPMDTM")),
    Handler("+FTPSTATE", test="+FTPSTATE: (0,1)", execute=_state),
    Handler("+FTPQUIT", test="", execute=_quit),
)
