"""Remote paths and the server to dial, from the module's FTP parameters."""


def remote_path(path: str, name: str) -> str:
    """AT+FTPGETPATH + AT+FTPGETNAME (or the PUT pair) as one remote path."""
    if not path:
        return name
    if not name:
        return path
    return path + name if path.endswith("/") else f"{path}/{name}"


def dial_target(server: str, port: int, host_map: dict[str, str]) -> tuple[str, int]:
    """Where a session connects: AT+FTPSERV/AT+FTPPORT, through the profile's host map.

    The map works like a hosts file, so exchanges written for a public server
    run against a local one: {"112.74.93.163": "127.0.0.1:2121"}.
    """
    target = host_map.get(server)
    if target is None:
        return server, port
    host, sep, mapped_port = target.rpartition(":")
    if sep and mapped_port.isdigit():
        return host, int(mapped_port)
    return target, port
