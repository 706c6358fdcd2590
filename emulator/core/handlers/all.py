"""The module's complete command table."""

from . import general, merge, network


def default_handlers():
    return merge(general.HANDLERS, network.HANDLERS)
