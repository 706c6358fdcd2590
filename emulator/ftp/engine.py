"""FtpEngine: performs the core's FTP actions with one JobRunner thread per session."""

from __future__ import annotations

import threading
from collections.abc import Callable

from .jobs import SESSION_ACTIONS, Credit, FinishUpload, StartJob, UploadData
from .runner import JobRunner


class FtpEngine:
    def __init__(self, post: Callable[[object], None], real_seconds: Callable[[float], float]) -> None:
        self._post = post
        self._real_seconds = real_seconds  # module seconds -> real seconds (the clock)
        self._runners: dict[int, JobRunner] = {}
        self._lock = threading.Lock()
        self._closed = False

    def perform(self, action: object) -> bool:
        """Carry out `action` if it is an FTP action; False otherwise."""
        if isinstance(action, StartJob):
            runner = JobRunner(action.job, self._post, self._exited, self._real_seconds)
            with self._lock:
                if self._closed:
                    return True  # the emulator is stopping: no new sessions
                self._runners[action.job.session] = runner
            runner.start()
            return True
        if not isinstance(action, SESSION_ACTIONS):
            return False
        with self._lock:
            runner = self._runners.get(action.session)
        if runner is None:
            return True  # the worker has already ended; nothing left to tell it
        if isinstance(action, UploadData):
            runner.upload(action.data)
        elif isinstance(action, FinishUpload):
            runner.finish_upload()
        elif isinstance(action, Credit):
            runner.credit.grant(action.amount)
        else:
            runner.abort()
        return True

    def _exited(self, runner: JobRunner) -> None:
        with self._lock:
            if self._runners.get(runner.job.session) is runner:
                del self._runners[runner.job.session]

    def runners(self) -> list[JobRunner]:
        """The workers still running (a session's worker ends soon after its last event)."""
        with self._lock:
            return list(self._runners.values())

    def close(self) -> None:
        """Abort every session and wait for its worker."""
        with self._lock:
            self._closed = True
            runners = list(self._runners.values())
        for runner in runners:
            runner.abort()
        for runner in runners:
            runner.thread.join(5.0)
