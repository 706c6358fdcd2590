"""FakeEngine: plays the FTP engine for a ModuleCore in the core-level fuzz.

It takes the core's actions (StartJob, UploadData, FinishUpload, Credit, AbortJob)
and answers with the events a real engine posts (TransferOpen, DataArrived,
UploadSent, JobDone), one per `next_event()`, so the test chooses when each one
reaches the core. What a job does is a JobPlan the test draws when the job starts.

This is the contract of emulator/ftp/jobs.py, not the real engine: a fake keeps the
fuzz in microseconds; hil_tests/test_model.py covers the real stack end to end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from emulator.ftp.jobs import (
    AbortJob,
    Credit,
    DataArrived,
    FinishUpload,
    FtpJob,
    JobDone,
    Operation,
    StartJob,
    TransferOpen,
    UploadData,
    UploadSent,
)

MDTM_VALUE = "20240229235959"


@dataclass(frozen=True)
class JobPlan:
    """How one job goes: refused before any transfer (`refused` code), or it opens,
    sends `chunks` (downloads) and ends with `outcome` (0 success, else a module code)."""

    refused: int | None = None
    chunks: tuple[bytes, ...] = ()
    outcome: int = 0


@dataclass
class FakeJob:
    job: FtpJob
    plan: JobPlan
    events: deque = field(default_factory=deque)  # ready to post, oldest first
    over: bool = False  # aborted by the core, or its JobDone is posted

    @property
    def id(self) -> int:
        return self.job.session


class FakeEngine:
    def __init__(self, plan_for: Callable[[FtpJob], JobPlan]) -> None:
        self._plan_for = plan_for
        self.jobs: dict[int, FakeJob] = {}

    # -- actions from the core ----------------------------------------------------------

    def perform(self, action: object) -> None:
        if isinstance(action, StartJob):
            self._start(action.job)
            return
        job = self.jobs.get(getattr(action, "session", None))
        if job is None or job.over:
            return  # a real engine has forgotten it as well
        if isinstance(action, AbortJob):
            job.over = True
            job.events.clear()
        elif isinstance(action, UploadData):
            job.events.append(UploadSent(job.id))
        elif isinstance(action, FinishUpload):
            job.events.append(JobDone(job.id, job.plan.outcome))
        elif not isinstance(action, Credit):
            raise AssertionError(f"the core asked the engine for {action!r}")

    def _start(self, job: FtpJob) -> None:
        plan = self._plan_for(job)
        fake = FakeJob(job, plan)
        self.jobs[job.session] = fake
        if plan.refused is not None:
            fake.events.append(JobDone(job.session, plan.refused))
            return
        op = job.operation
        if op in (Operation.RETRIEVE, Operation.LIST):
            fake.events.append(TransferOpen(job.session))
            fake.events.extend(DataArrived(job.session, chunk) for chunk in plan.chunks if chunk)
            fake.events.append(JobDone(job.session, plan.outcome))
        elif op is Operation.STORE:
            fake.events.append(TransferOpen(job.session))
            if job.payload is not None:  # the extended buffer goes up in one piece
                fake.events.append(JobDone(job.session, plan.outcome))
            # else: UploadSent per UploadData, JobDone at FinishUpload
        else:
            fake.events.append(JobDone(job.session, plan.outcome, _value(op) if plan.outcome == 0 else None))

    # -- events for the core ------------------------------------------------------------

    def has_events(self) -> bool:
        return any(job.events for job in self.jobs.values())

    def next_event(self):
        """The next event of the oldest job that has one (None if none is ready)."""
        for job in self.jobs.values():
            if job.events:
                event = job.events.popleft()
                if isinstance(event, JobDone):
                    job.over = True
                    job.events.clear()
                return event
        return None

    def fail_now(self, code: int) -> JobDone | None:
        """The live job breaks off at once with `code` (a server or network failure)."""
        for job in reversed(list(self.jobs.values())):
            if not job.over:
                job.over = True
                job.events.clear()
                return JobDone(job.id, code)
        return None

    def past_ids(self) -> list[int]:
        return [job.id for job in self.jobs.values() if job.over]


def _value(op: Operation):
    if op is Operation.SIZE:
        return 1234
    if op is Operation.MDTM:
        return MDTM_VALUE
    return None
