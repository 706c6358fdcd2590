"""SIM, radio, registration and bearer commands (reference section 7), and the
network changes the control API can make (radio off, bearer lost)."""

from .. import args
from ..errors import AtFailure, CmeError, CmeFailure, state_violation
from ..state import CONTEXTS, NO_ADDRESS
from . import Handler, table

REGISTERED = (1, 5)  # +CEREG <stat>: home, roaming


def network_usable(module) -> bool:
    s = module.state
    return s.radio_on and s.sim == "READY" and s.attached and s.registration in REGISTERED


def deactivate_bearer(module, index: int) -> None:
    bearer = module.state.bearers[index]
    if not bearer.active:
        return
    bearer.active = False
    bearer.address = NO_ADDRESS
    module.urc(f"+APP PDP: {index},DEACTIVE")
    module.services.bearer_down(index)


def drop_all_bearers(module) -> None:
    for index in range(CONTEXTS):
        deactivate_bearer(module, index)


def radio_off(module, sim_off: bool) -> list[str]:
    """AT+CFUN=0 (radio and SIM off) or 4 (flight mode); returns lines shown before OK."""
    state = module.state
    drop_all_bearers(module)
    state.rssi, state.ber = 99, 99
    state.registration = 0
    state.attached = False
    if sim_off and state.sim == "READY":
        state.sim = "NOT READY"
        return ["+CPIN: NOT READY"]  # AN 4.2 shows it before the OK
    return []


def radio_on(module) -> None:
    state, net = module.state, module.profile.network
    state.cfun = 1
    state.rssi, state.ber = net.rssi, net.ber
    state.registration = net.registration
    state.attached = net.attached
    if state.sim == "NOT READY":
        state.sim = net.sim
        module.urc(f"+CPIN: {state.sim}")


# -- SIM and signal ------------------------------------------------------------------------


def _cpin_read(module, command):
    if module.state.sim == "NOT INSERTED":
        raise CmeFailure(CmeError.SIM_NOT_INSERTED)
    return [f"+CPIN: {module.state.sim}"]


def _cpin_write(module, command):
    args.arity(command, 1, 2)
    raise state_violation()  # no PIN is asked for: the emulated SIM is unlocked


def _csq(module, command):
    return [f"+CSQ: {module.state.rssi},{module.state.ber}"]


# -- registration ----------------------------------------------------------------------------


def _cgatt_read(module, command):
    return [f"+CGATT: {int(module.state.attached)}"]


def _cgatt_write(module, command):
    (value,) = args.arity(command, 1)
    attach = args.integer(value, 0, 1)
    state = module.state
    if not attach:
        drop_all_bearers(module)
        state.attached = False
    elif not state.radio_on or state.sim != "READY":
        raise CmeFailure(CmeError.NO_NETWORK_SERVICE)
    else:
        state.attached = True


def _cops_test(module, command):
    s = module.state
    return [f'+COPS: (2,"{s.operator}","{s.operator}","46011",{s.access_technology}),,(0-4),(0-2)']


def _cops_read(module, command):
    s = module.state
    if s.registration in REGISTERED:
        return [f'+COPS: 0,0,"{s.operator}",{s.access_technology}']
    return ["+COPS: 0"]


def _cops_write(module, command):
    values = args.arity(command, 1, 4)
    args.integer(values[0], 0, 4)


def _cereg_read(module, command):
    return [f"+CEREG: {module.state.cereg_mode},{module.state.registration}"]


def _cereg_write(module, command):
    (mode,) = args.arity(command, 1)
    module.state.cereg_mode = args.choice(mode, (0, 1, 2, 4))


def _cgnapn(module, command):
    s = module.state
    if s.registration in REGISTERED:
        return [f'+CGNAPN: 1,"{s.apn}"']
    return ['+CGNAPN: 0,""']


# -- bearers ------------------------------------------------------------------------------------


def _cncfg_read(module, command):
    return [
        f'+CNCFG: {i},{b.ip_type},"{b.apn}","{b.user}","{b.password}",{b.auth}'
        for i, b in enumerate(module.state.bearers)
    ]


def _cncfg_write(module, command):
    values = args.arity(command, 2, 6)
    bearer = module.state.bearers[args.integer(values[0], 0, CONTEXTS - 1)]
    ip_type = args.integer(values[1], 0, 4)
    apn = args.string(values[2], 150) if len(values) > 2 else ""
    user = args.string(values[3], 127) if len(values) > 3 else ""
    password = args.string(values[4], 127) if len(values) > 4 else ""
    auth = args.integer(values[5], 0, 3) if len(values) > 5 else 0
    bearer.ip_type, bearer.apn, bearer.user, bearer.password, bearer.auth = (
        ip_type, apn, user, password, auth,
    )  # fmt: skip


def _cnact_read(module, command):
    return [f'+CNACT: {i},{int(b.active)},"{b.address}"' for i, b in enumerate(module.state.bearers)]


def _cnact_write(module, command):
    index_arg, action_arg = args.arity(command, 2)
    index = args.integer(index_arg, 0, CONTEXTS - 1)
    action = args.integer(action_arg, 0, 2)
    bearer = module.state.bearers[index]
    if action == 0:
        if not bearer.active:
            raise AtFailure("context not active")
        deactivate_bearer(module, index)
        return None
    if bearer.active or index in module.state.activating:
        # a real 1951B16 answered plain ERROR to activating an active context
        raise AtFailure("context already active")
    module.state.activating.add(index)
    module.call_later(module.profile.timings.pdp_activation, lambda: _activation_done(module, index))
    return None


def _activation_done(module, index: int) -> None:
    module.state.activating.discard(index)
    if not network_usable(module):
        module.urc(f"+APP PDP: {index},DEACTIVE")
        return
    bearer = module.state.bearers[index]
    bearer.active = True
    bearer.address = module.profile.network.addresses[index]
    module.urc(f"+APP PDP: {index},ACTIVE")


HANDLERS = table(
    Handler("+CPIN", test="", read=_cpin_read, write=_cpin_write),
    Handler("+CSQ", test="+CSQ: (0-31,99),(0-7,99)", execute=_csq),
    Handler("+CGATT", test="+CGATT: (0,1)", read=_cgatt_read, write=_cgatt_write),
    Handler("+COPS", test=_cops_test, read=_cops_read, write=_cops_write),
    Handler("+CEREG", test="+CEREG: (0-2,4)", read=_cereg_read, write=_cereg_write),
    Handler("+CGNAPN", test="+CGNAPN: (0,1),120", execute=_cgnapn),
    Handler("+CNCFG", test="+CNCFG: (0-3),(0-4),150,127,127,(0-3)", read=_cncfg_read, write=_cncfg_write),
    Handler("+CNACT", test="+CNACT: (0-3),(0-2)", read=_cnact_read, write=_cnact_write),
)
