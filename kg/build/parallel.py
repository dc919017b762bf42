"""Extraction on every core of this machine or on a Dask cluster: one task function for all.

A worker process loads natasha's models once, on start, and runs with one BLAS thread (set in
`kg/__init__.py` before numpy loads); the writer takes the results back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from kg.errors import SchedulerError
from kg.extract import extract
from kg.model import Article, Extraction
from kg.nlp import load_pipeline

__all__ = ["extract_one", "available_cores", "submitter", "ordered"]

T = TypeVar("T")
Submit = Callable[[Article], Any]
"""Starts extracting an article; returns a future (anything with `.result()`)."""


def extract_one(article: Article) -> Extraction:
    """Extract one article with this process's models (loaded on first use)."""
    return extract(article, load_pipeline())


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the build, workers just end
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_pipeline()


def _inline(article: Article) -> Future:
    done: Future = Future()
    try:
        done.set_result(extract_one(article))
    except Exception as e:  # the caller sees it through .result(), as from a pool
        done.set_exception(e)
    return done


@contextmanager
def _dask(address: str) -> Iterator[Submit]:
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError(
            "--scheduler needs Dask: pip install 'kg[dask]' (dask[distributed])"
        ) from None
    try:
        client = Client(address, timeout="5s")
    except (OSError, TimeoutError, ValueError) as e:
        raise SchedulerError(f"{address}: cannot reach the Dask scheduler ({e})") from None
    try:
        yield lambda article: client.submit(extract_one, article, pure=False)
    finally:
        client.close()


@contextmanager
def _pool(workers: int) -> Iterator[Submit]:
    # spawn, not fork: the parent may hold threads (the store's, the progress bar's)
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
    )
    try:
        yield lambda article: pool.submit(extract_one, article)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def submitter(workers: int = 1, scheduler: str | None = None) -> Iterator[Submit]:
    """A function that starts extracting an article: on a Dask cluster when `scheduler` is
    its address, on a pool of `workers` processes, or in this process when `workers` is 1."""
    if scheduler:
        with _dask(scheduler) as submit:
            yield submit
    elif workers > 1:
        with _pool(workers) as submit:
            yield submit
    else:
        yield _inline


def ordered(submit: Callable[[T], Any], items: Iterable[T], window: int) -> Iterator[tuple[T, Any]]:
    """(item, future) pairs in the order of `items`, with at most `window` items submitted
    and not yet taken back: memory stays flat however many items come."""
    running: deque = deque()
    for item in items:
        running.append((item, submit(item)))
        if len(running) >= window:
            yield running.popleft()
    while running:
        yield running.popleft()
