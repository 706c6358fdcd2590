"""The settings each fuzz target runs with: the hypothesis profile the plugin chose, frozen.

Frozen when the test modules are imported, right after the plugin loaded the profile:
in-process pytester sessions (tests/hil_plugin) load other profiles later in the same
worker, and a test must not start running 5000 examples because one of them ran first.
"""

from __future__ import annotations

from hypothesis import settings

PROFILE = settings.get_current_profile_name()


def frozen(**overrides) -> settings:
    """The current profile's settings, with `overrides`, as they are now."""
    return settings(settings.default, **overrides)


def by_profile(budgets: dict[str, int], nightly: int) -> int:
    """The number for this profile (ci, hardware, dev), or `nightly` for any other."""
    return budgets.get(PROFILE, nightly)
