"""Profiles shipped with the emulator, as TOML (see emulator.profile)."""
