"""The lock readers of the embedded store share, so that they never read beside a writer.

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

from kg.errors import StoreBusy

__all__ = ["lock_shared", "shared_locks", "unlock"]


def shared_locks() -> bool:
    """Whether this system has the locks readers share."""
    try:
        import fcntl
    except ImportError:
        return False
    return hasattr(fcntl, "F_OFD_SETLK")


def lock_shared(path: Path) -> int:
    """Take the shared lock on the store in folder `path`; the file descriptor holding it."""
    import fcntl

    fd = os.open(path / "LOCK", os.O_RDWR)
    # struct flock: type, whence, start, length (0: the whole file), pid (0 for these locks)
    request = struct.pack("hhqqi4x", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, request)
    except OSError:
        os.close(fd)
        busy = f"{path}: a build is writing this store; try again when it is done"
        raise StoreBusy(busy) from None
    return fd


def unlock(fd: int) -> int:
    """Release a lock `lock_shared` took (closing its descriptor); -1, to store in its place."""
    if fd >= 0:
        os.close(fd)
    return -1
