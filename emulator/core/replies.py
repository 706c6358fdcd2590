"""What a command handler returns to the dispatcher."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Reply:
    """Information lines, an optional raw payload after them, then the final `OK`."""

    lines: list[str] = field(default_factory=list)
    payload: bytes | memoryview | None = None
    then: object = None  # an action for the shell to perform once the payload is written


@dataclass(slots=True)
class DataPhase:
    """The command goes on with bytes from the host (FTPPUT=2, FTPEXTPUT=2, FTPETPUT=2).

    `prompt` lines go out first (after an `OK` when `ok_first`), then the module
    reads `length` raw bytes, or escaped bytes up to a bare ETX when `length` is
    None. `on_data` gets the whole raw payload; `on_chunk`/`on_end` the escaped
    stream. The final result follows `on_data`/`on_end` unless they raise.
    `timeout` (module seconds) ends a short raw phase with `ERROR`.
    """

    prompt: list[str]
    length: int | None = None
    on_data: Callable[[bytes], None] | None = None
    on_chunk: Callable[[bytes], None] | None = None
    on_end: Callable[[], None] | None = None
    ok_first: bool = False
    timeout: float | None = None


class NoResult:
    """The command ends without a final result (AT+CPOWD: the module just switches off)."""


NO_RESULT = NoResult()
