"""The driver's FTP API against a model of the remote folder: a hypothesis state machine.

Rules call the FtpClient (put, append, get, get at an offset, size, delete, mkdir,
rmdir, rename, list, mdtm, quit; put and get also in their extended and transparent
forms) on files and folders that earlier rules created; the model says what each
must return, or which FtpError subclass it must raise (get of a deleted file, rmdir
of a folder that is not empty: FtpFileError, 77).
After every rule the server, seen by the host through ftplib (the `remote` fixture),
must hold exactly the model's file sizes and, in the folders the rule touched, names;
at the end of an example, every folder's names and every file's bytes.

Runs on both targets. Each example works in a fresh sub-folder of the test's remote
folder, so examples start clean; the `hardware` profile keeps the run short.
"""

from __future__ import annotations

import ftplib
import itertools
import posixpath
from datetime import timedelta

import pytest
from hypothesis import assume, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from driver import FtpFileError

from .payloads import payload

pytestmark = pytest.mark.fuzz

# names every server lists the same way: no leading dot (hidden on vsftpd), no spaces
NAMES = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,11}", fullmatch=True)
WINDOW_SIZES = [0, 1, 1359, 1360, 1361, 1459, 1460, 1461, 2 * 1360 + 1, 5000]  # around the module's windows
CONTENTS = st.binary(max_size=64) | st.builds(payload, st.sampled_from(WINDOW_SIZES), st.integers(0, 255))

# (steps per example, examples) by profile; the rest of the profile's settings are kept
BUDGET = {"ci": (30, 40), "hardware": (8, 4), "dev": (30, 100)}
NIGHTLY_BUDGET = (40, 400)
MDTM_TOLERANCE = timedelta(seconds=1)
# the ways to move a whole file: the buffered commands (the usual), the RAM buffer, transparent mode
PUTS = ["put", "put", "put_extended", "put_transparent"]
GETS = ["get", "get", "get_extended", "get_transparent"]


class RemoteModel:
    """What the server must hold under one example's folder: files (path -> bytes) and folders."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.files: dict[str, bytes] = {}
        self.folders: set[str] = {root}

    def exists(self, path: str) -> bool:
        return path in self.files or path in self.folders

    def children(self, folder: str) -> list[str]:
        return sorted(posixpath.basename(p) for p in (*self.files, *self.folders) if posixpath.dirname(p) == folder)


def machine_for(ftp, remote, roots):
    """A state machine class bound to this test's driver and remote folder."""

    class RemoteFolderMachine(RuleBasedStateMachine):
        files = Bundle("files")
        folders = Bundle("folders")

        def __init__(self) -> None:
            super().__init__()
            root = f"example-{next(roots)}"
            remote.mkdir(root)
            self.model = RemoteModel(root)
            self.touched: set[str] = set()  # folders a rule may have changed since the last check

        @initialize(target=folders)
        def example_folder(self):
            return self.model.root

        # -- helpers --------------------------------------------------------------------

        def expect_file_error(self, operation, *args, **kwargs) -> None:
            """The model says the server refuses: FtpFileError, code 77."""
            event(f"refused as the model says: {operation.__name__}")
            with pytest.raises(FtpFileError) as failure:
                operation(*args, **kwargs)
            assert failure.value.code == 77

        def folder_usable(self, folder: str) -> bool:
            return folder in self.model.folders

        # -- uploads ---------------------------------------------------------------------

        @rule(target=files, folder=folders, name=NAMES, data=CONTENTS, how=st.sampled_from(PUTS))
        def put(self, folder, name, data, how):
            path = f"{folder}/{name}"
            self.touched.add(folder)
            upload = getattr(ftp, how)
            if not self.folder_usable(folder) or path in self.model.folders:
                self.expect_file_error(upload, remote.file(path), data)
                return multiple()
            sent = upload(remote.file(path), data)
            assert sent in (None, len(data))  # put_extended reports no count
            self.model.files[path] = data
            return path

        @rule(path=files, data=CONTENTS)
        def append(self, path, data):
            folder = posixpath.dirname(path)
            self.touched.add(folder)
            if not self.folder_usable(folder) or path in self.model.folders:
                self.expect_file_error(ftp.put, remote.file(path), data, mode="append")
                return
            ftp.put(remote.file(path), data, mode="append")
            self.model.files[path] = self.model.files.get(path, b"") + data

        # -- downloads and queries ---------------------------------------------------------

        @rule(path=files, how=st.sampled_from(GETS))
        def get(self, path, how):
            download = getattr(ftp, how)
            if path not in self.model.files:
                self.expect_file_error(download, remote.file(path))
                return
            assert download(remote.file(path)) == self.model.files[path]

        @rule(path=files, data=st.data())
        def get_from_offset(self, path, data):
            if path not in self.model.files:
                self.expect_file_error(ftp.get, remote.file(path), offset=data.draw(st.integers(0, 10)))
                return
            content = self.model.files[path]
            offset = data.draw(st.integers(0, len(content)), label="offset")
            assert ftp.get(remote.file(path), offset=offset) == content[offset:]

        @rule(path=files)
        def size(self, path):
            if path not in self.model.files:
                self.expect_file_error(ftp.size, remote.file(path))
                return
            assert ftp.size(remote.file(path)) == len(self.model.files[path])

        @rule(path=files)
        def mdtm(self, path):
            if path not in self.model.files:
                self.expect_file_error(ftp.mdtm, remote.file(path))
                return
            assert abs(ftp.mdtm(remote.file(path)) - remote.mdtm(path)) <= MDTM_TOLERANCE

        @rule(folder=folders)
        def list_folder(self, folder):
            if not self.model.exists(folder):
                self.expect_file_error(ftp.list, remote.file(folder))
                return
            listing = ftp.list(remote.file(folder))
            names = sorted(line.split(None, 8)[-1] for line in listing.splitlines() if line.strip())
            expected = [posixpath.basename(folder)] if folder in self.model.files else self.model.children(folder)
            assert names == expected, listing

        # -- changes ------------------------------------------------------------------------

        @rule(path=files)
        def delete(self, path):
            self.touched.add(posixpath.dirname(path))
            if path not in self.model.files:
                self.expect_file_error(ftp.delete, remote.file(path))
                return
            ftp.delete(remote.file(path))
            del self.model.files[path]

        @rule(target=folders, parent=folders, name=NAMES)
        def mkdir(self, parent, name):
            path = f"{parent}/{name}"
            self.touched.add(parent)
            if not self.folder_usable(parent) or self.model.exists(path):
                self.expect_file_error(ftp.mkdir, remote.file(path))
                return multiple()
            ftp.mkdir(remote.file(path))
            self.model.folders.add(path)
            return path

        @rule(folder=folders)
        def rmdir(self, folder):
            assume(folder != self.model.root)  # the example's own folder stays
            self.touched.add(posixpath.dirname(folder))
            if folder not in self.model.folders or self.model.children(folder):
                self.expect_file_error(ftp.rmdir, remote.file(folder))
                return
            ftp.rmdir(remote.file(folder))
            self.model.folders.remove(folder)

        @rule(target=files, path=files, folder=folders, name=NAMES)
        def rename(self, path, folder, name):
            new = f"{folder}/{name}"
            # servers differ on renaming onto an existing name, or a folder: not modelled
            assume(new != path and not self.model.exists(new) and path not in self.model.folders)
            self.touched.update((posixpath.dirname(path), folder))
            if path not in self.model.files or not self.folder_usable(folder):
                self.expect_file_error(ftp.rename, remote.file(path), remote.file(new))
                return multiple()
            ftp.rename(remote.file(path), remote.file(new))
            self.model.files[new] = self.model.files.pop(path)
            return new

        @rule()
        def quit_while_idle(self):
            # > AT+FTPQUIT   < ERROR: between operations no session runs
            assert ftp.quit() is False

        # -- what the server holds ------------------------------------------------------------

        @invariant()
        def server_holds_the_model(self):
            # names of the folders the last rule touched (a listing costs a data connection,
            # and a long run must not exhaust the ephemeral ports), sizes of every file
            for folder in sorted(self.touched & self.model.folders):
                assert listed(remote, folder) == self.model.children(folder), folder
            self.touched.clear()
            for path, content in self.model.files.items():
                assert remote.size(path) == len(content), path

        def teardown(self):
            for folder in sorted(self.model.folders):
                assert listed(remote, folder) == self.model.children(folder), folder
            for path, content in self.model.files.items():
                assert remote.read(path) == content, path

    return RemoteFolderMachine


def listed(remote, folder: str) -> list[str]:
    try:
        return remote.names(folder)
    except ftplib.error_perm as refusal:  # some servers answer 550 to NLST of an empty folder
        if str(refusal).startswith("550"):
            return []
        raise


# taken when this module is imported, right after the plugin chose the profile: in-process
# pytester sessions (tests/hil_plugin) load other profiles later in the same worker
STEPS, EXAMPLES = BUDGET.get(settings.get_current_profile_name(), NIGHTLY_BUDGET)
MACHINE_SETTINGS = settings(settings.default, stateful_step_count=STEPS, max_examples=EXAMPLES)


def test_ftp_client_against_a_model_of_the_remote_folder(ftp, remote):
    run_state_machine_as_test(machine_for(ftp, remote, itertools.count()), settings=MACHINE_SETTINGS)
