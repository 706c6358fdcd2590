"""Each test's transcript: where it goes, what a failure report shows of it, when it is deleted.

Every test that uses the `modem` fixture is recorded (driver.transcript). With
`--transcripts DIR` each leaves DIR/<test id>.jsonl. Without it the file goes to a
temporary folder (pytest's, so its usual retention applies) and is deleted when the test
passes; a failing test keeps it. A failing test's report gets a section with the path
and the last exchanges either way.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from driver.transcript import TranscriptError, TranscriptWriter, read_transcript, render

SECTION = "sim7080 transcript"


def file_name(nodeid: str) -> str:
    """A readable file name, unique per test id (the hash keeps apart ids that read alike)."""
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "-", nodeid).strip("-")[:120]
    return f"{readable}-{hashlib.sha1(nodeid.encode()).hexdigest()[:8]}.jsonl"


class TestTranscripts:
    __test__ = False  # a helper, not a test class

    def __init__(self, directory: str | None, tail: int) -> None:
        self.keep_all = directory is not None
        self._directory = Path(directory) if directory else None
        self.tail = tail
        # where a run without --transcripts writes; the plugin hands in pytest's tmp_path_factory
        self.temp_folder: Callable[[], Path] = lambda: Path(tempfile.mkdtemp(prefix="sim7080-transcripts-"))
        self._paths: dict[str, Path] = {}  # test id -> its transcript
        self._shown: set[str] = set()  # tests whose report already has the section

    @property
    def directory(self) -> Path:
        if self._directory is None:  # made on first use: a run without modem tests leaves nothing
            self._directory = self.temp_folder()
        return self._directory

    def open(self, item, target) -> TranscriptWriter:
        path = self.directory / file_name(item.nodeid)
        writer = TranscriptWriter(
            path, target=target.kind, revision=target.revision, port=target.port, test=item.nodeid
        )
        self._paths[item.nodeid] = path
        if self.keep_all:
            item.user_properties.append(("transcript", str(path)))
        return writer

    def section(self, item) -> str | None:
        """The report section of a failing test: once per test, None if it has no transcript."""
        path = self._paths.get(item.nodeid)
        if path is None or item.nodeid in self._shown:
            return None
        self._shown.add(item.nodeid)
        kept = "kept (--transcripts)" if self.keep_all else "kept because the test failed"
        try:
            timeline = render(read_transcript(path), last=self.tail)
        except (OSError, TranscriptError) as exc:
            timeline = f"(cannot be shown: {exc})"
        return f"{path}  [{kept}; python -m driver.transcript show FILE]\n{timeline}"

    def finished(self, item, failed: bool) -> None:
        path = self._paths.pop(item.nodeid, None)
        self._shown.discard(item.nodeid)
        if path is not None and not failed and not self.keep_all:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        """Remove the temporary folder if no failing test left anything in it."""
        if not self.keep_all and self._directory is not None:
            try:
                self._directory.rmdir()
            except OSError:
                pass  # not empty: the failures' transcripts stay
