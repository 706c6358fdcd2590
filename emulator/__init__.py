"""A scriptable virtual SIMCom SIM7080 for testing FTP drivers without hardware."""
