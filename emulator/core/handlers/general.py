"""General commands: V.25ter basics, identification, error reporting, power (reference section 7)."""

from .. import args
from ..errors import SyntaxFailure
from ..replies import NO_RESULT
from . import Handler, table

# M105 2.2.32 rates (0 = auto-baud)
BAUD_RATES = (
    0, 300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400,
    921600, 2000000, 2900000, 3000000, 3200000, 3686400, 4000000,
)  # fmt: skip


def _switch(command, allowed=("", "0", "1")) -> int:
    value = command.basic_value
    if value not in allowed:
        raise SyntaxFailure(f"AT{command.name}{value}")
    return int(value or "0")


def _echo(module, command):
    module.state.echo = bool(_switch(command))


def _verbose(module, command):
    module.state.verbose = bool(_switch(command))


def _dcd(module, command):
    module.state.dcd_mode = _switch(command)


def _info(module, command):
    _switch(command, allowed=("", "0"))
    return [module.profile.identity.ati]


def _store(module, command):
    # AT&W is not in the SIM7080 manual; hosts (TinyGSM) still send it, and it answers OK
    _switch(command, allowed=("", "0"))


def _revision(module, command):
    return [f"Revision:{module.profile.identity.revision}"]


def _manufacturer(module, command):
    return [module.profile.identity.manufacturer]


def _model(module, command):
    return [module.profile.identity.model]


def _imei(module, command):
    return [module.profile.identity.imei]


def _cmee_read(module, command):
    return [f"+CMEE: {module.state.cmee}"]


def _cmee_write(module, command):
    (value,) = args.arity(command, 1)
    module.state.cmee = args.integer(value, 0, 2)


def _cfun_read(module, command):
    return [f"+CFUN: {module.state.cfun}"]


def _cfun_write(module, command):
    from .network import radio_off, radio_on  # radio state belongs to the network subsystem

    values = args.arity(command, 1, 2)
    fun = args.choice(values[0], (0, 1, 4, 5, 6, 7))
    reset = args.integer(values[1], 0, 1) if len(values) == 2 else 0
    if reset:
        module.restarting = True
        module.call_later(0.0, module.reboot)
        return None
    if fun == module.state.cfun:
        return None
    if fun == 1:
        radio_on(module)
        return None
    lines = radio_off(module, sim_off=fun == 0)
    module.state.cfun = fun
    return lines


def _cpowd_write(module, command):
    (mode,) = args.arity(command, 1)
    urgent = args.integer(mode, 0, 1) == 0
    last_words = [] if urgent else ["NORMAL POWER DOWN"]
    if not urgent:
        # a real module reported the bearer loss right after NORMAL POWER DOWN; mode 0 prints nothing
        last_words += [f"+APP PDP: {i},DEACTIVE" for i, b in enumerate(module.state.bearers) if b.active]
    module.call_later(0.0, lambda: module.power_off(module.now, last_words))
    return NO_RESULT


def _ipr_read(module, command):
    return [f"+IPR: {module.state.baud}"]


def _ipr_write(module, command):
    (rate,) = args.arity(command, 1)
    value = args.choice(rate, BAUD_RATES)
    module.state.baud = value
    module.saved_baud = value


HANDLERS = table(
    Handler("E", basic=_echo),
    Handler("V", basic=_verbose),
    Handler("&C", basic=_dcd),
    Handler("&W", basic=_store),
    Handler("I", basic=_info),
    Handler("+CGMR", test="", execute=_revision),
    Handler("+GMR", test="", execute=_revision),
    Handler("+CGMI", test="", execute=_manufacturer),
    Handler("+CGMM", test="", execute=_model),
    Handler("+GMM", test="", execute=_model),
    Handler("+CGSN", test="", execute=_imei),
    Handler("+CMEE", test="+CMEE: (0,1,2)", read=_cmee_read, write=_cmee_write),
    Handler("+CFUN", test="+CFUN: (0-1,4-7),(0-1)", read=_cfun_read, write=_cfun_write),
    Handler("+CPOWD", test="+CPOWD: (0,1)", write=_cpowd_write),
    Handler(
        "+IPR",
        test="+IPR: (" + ",".join(map(str, BAUD_RATES)) + ")",
        read=_ipr_read,
        write=_ipr_write,
    ),
)
