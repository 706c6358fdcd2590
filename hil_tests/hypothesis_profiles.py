"""Hypothesis profiles of the suite; the plugin picks one from the target."""

import os

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]

settings.register_profile("ci", derandomize=True, max_examples=40, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("nightly", max_examples=5000, deadline=None, suppress_health_check=_SLOW_OK)
# a physical module is slow and shared: few examples, no per-example deadline
settings.register_profile("hardware", max_examples=8, deadline=None, suppress_health_check=_SLOW_OK)


def choose(config, on_emulator: bool) -> str:
    """Load the profile: --hypothesis-profile wins; else hardware on a module, ci (or
    SIM7080_HYPOTHESIS_PROFILE) on the emulator. Returns the profile that was current before,
    for restore() when the session ends."""
    previous = settings.get_current_profile_name()
    if config.getoption("hypothesis_profile", default=None):
        return previous
    if not on_emulator:
        settings.load_profile("hardware")
    else:
        settings.load_profile(os.environ.get("SIM7080_HYPOTHESIS_PROFILE", "ci"))
    return previous


def restore(previous: str) -> None:
    """An inner pytest session (pytester) must not leave its profile to the outer one."""
    settings.load_profile(previous)
