"""The FTP engine: one worker per module FTP session, talking ftplib to a real server."""
