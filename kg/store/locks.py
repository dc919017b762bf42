"""Opening the embedded store to read it alongside other readers, and never alongside a writer.

Oxigraph's read-only mode takes no lock, and reading while another process writes is
undefined. A reader therefore holds a shared lock on the store's LOCK file (an open file
description lock, Linux's, which conflicts with the record lock Oxigraph's writer takes, even
within one process): readers share the store, a build cannot open it while they read, and a
reader cannot open it while a build writes. Where such locks do not exist, a reader opens the
store as a writer does, alone.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from oxrdflib import OxigraphStore
from rdflib import Dataset

__all__ = ["BusyError", "open_reader", "shared_locks"]


class BusyError(OSError):
    """The store is being written by another process."""


def shared_locks() -> bool:
    """Whether this system has the locks readers share."""
    try:
        import fcntl
    except ImportError:
        return False
    return hasattr(fcntl, "F_OFD_SETLK")


def _lock_shared(path: Path) -> int:
    import fcntl

    fd = os.open(path / "LOCK", os.O_RDWR)
    # struct flock: type, whence, start, length (0: the whole file), pid (0 for these locks)
    request = struct.pack("hhqqi4x", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, request)
    except OSError:
        os.close(fd)
        raise BusyError(
            f"{path}: a build is writing this store; try again when it is done"
        ) from None
    return fd


class _SharedReader(OxigraphStore):
    """Oxigraph read-only, holding the shared lock until closed."""

    def __init__(self, path: Path) -> None:
        from pyoxigraph import Store

        self._lock = _lock_shared(path)
        try:
            super().__init__(store=Store.read_only(str(path)))
        except BaseException:
            os.close(self._lock)
            raise

    def close(self, commit_pending_transaction: bool = False) -> None:
        super().close(commit_pending_transaction)
        self._unlock()

    def __del__(self) -> None:
        self._unlock()

    def _unlock(self) -> None:
        if getattr(self, "_lock", -1) >= 0:
            os.close(self._lock)
            self._lock = -1


def open_reader(path: Path) -> Dataset:
    """The embedded store at `path`, open for reading beside other readers."""
    return Dataset(store=_SharedReader(path), default_union=True)
