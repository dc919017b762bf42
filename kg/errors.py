"""The errors kg reports to its users, each with the exit status `kg` ends with.

Every error a user can cause or mend (bad input, a store in use, a query that does not
parse, a name that is not there) is a KgError: the command line prints its message on one
line and exits with its `exit_code`; anything else is a bug and shows its traceback.

>>> NotFound("no saved query 'x'").exit_code
2
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "InputError",
    "StoreError",
    "StoreBusy",
    "QueryError",
    "NotFound",
    "ValidationError",
    "SchedulerError",
    "Interrupted",
]


class KgError(Exception):
    """An error the user can act on; its message says what and where, in one line."""

    exit_code = 2


class InputError(KgError):
    """An input that cannot be read as articles; the message names the file."""


class StoreError(KgError):
    """A store that cannot be opened, read or written."""


class StoreBusy(StoreError):
    """A store another kg process is using in a way that excludes this one."""


class QueryError(KgError):
    """A query that is not valid SPARQL, has bad parameters, or that the store refused."""


class NotFound(KgError):
    """A name that is not there (a saved query, an article, an entity); the message lists
    what there is, or how to find it."""


class ValidationError(KgError):
    """Shapes or an ontology that cannot be read, or a validation that cannot run."""


class SchedulerError(KgError):
    """A Dask scheduler that cannot be reached or used."""


class Interrupted(KgError):
    """Work stopped by the user (Ctrl-C) after keeping what was done."""

    exit_code = 130
