"""URCs about the module's own state, which any operation may meet."""

# URCs a module prints when it (re)starts or goes down (M105 22.3, reference section 8)
RESET_URCS = (
    "RDY",
    "+CFUN: ",
    "SMS Ready",
    "NORMAL POWER DOWN",
    "UNDER-VOLTAGE POWER DOWN",
    "OVER-VOLTAGE POWER DOWN",
)
BEARER_URC = "+APP PDP: "  # +APP PDP: <cid>,ACTIVE|DEACTIVE, M105 7.2.1
SIM_URC = "+CPIN: "
