"""Payloads for transfers: random bytes (every value, ETX and DLE included), the same every run."""

from __future__ import annotations

import random


def payload(size: int, seed: int = 7080) -> bytes:
    return random.Random(seed).randbytes(size)
