"""The module's complete command table."""

from . import ftp_config, ftp_extended, ftp_session, general, merge, network


def default_handlers():
    return merge(
        general.HANDLERS,
        network.HANDLERS,
        ftp_config.HANDLERS,
        ftp_session.HANDLERS,
        ftp_extended.HANDLERS,
    )
