"""The emulator recording its own side of the line, in the driver's transcript format.

    with Emulator(record="module.jsonl") as emu: ...      # or: sim7080-emulator --record FILE

A tap on the ModuleLoop (called on the loop thread): what the module reads from the
host is `to_module`, what it writes is `from_module`, as the module saw them. Secrets
are masked the same way as in the driver's transcripts.
"""

from __future__ import annotations

from pathlib import Path

from driver.transcript import FROM_MODULE, MODULE, TO_MODULE, TranscriptWriter


class ModuleRecording:
    def __init__(self, path: str | Path, **header) -> None:
        self.writer = TranscriptWriter(path, recorded_by=MODULE, **header)

    @classmethod
    def attach(cls, emulator, path: str | Path) -> ModuleRecording:
        """Record `emulator` (its loop made, not yet started, so the boot URCs are in)."""
        target = "replay" if getattr(emulator, "replay", None) is not None else "emulator"
        recording = cls(path, target=target, revision=emulator.profile.identity.revision, port=emulator.port)
        emulator.loop.taps.append(recording)
        return recording

    @property
    def path(self) -> Path:
        return self.writer.path

    def on_read(self, data: bytes) -> None:
        self.writer.record(TO_MODULE, data)

    def on_write(self, data: bytes) -> None:
        self.writer.record(FROM_MODULE, data)

    def close(self) -> None:
        self.writer.close()
