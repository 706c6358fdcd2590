"""The module's FTP sessions as seen from the AT side (no sockets here: see emulator/ftp)."""
