"""Where queries run: a pool of worker processes over an Oxigraph folder, each killed when its
query outlives the timeout (its CPU freed at once) and replaced by a fresh one; or, for stores
a process cannot share (memory, a remote server), threads in this process, which cannot be
stopped and are therefore counted and capped."""

from __future__ import annotations

import math
import multiprocessing
import os
import queue
import threading
import time
from http import HTTPStatus

from kg.query.serve.checks import QueryRefused
from kg.query.serve.execute import Task, answer_store, failure
from kg.store import Store

__all__ = ["MAX_RUNNING", "MEMORY", "ThreadRunner", "WorkerPool", "pool_size"]

MAX_RUNNING = 4  # queries in threads at once, timed-out ones included
MEMORY = 1024  # MB of data memory a worker may use
_WORKER = "kg.query.serve.execute"


def pool_size() -> int:
    """Worker processes to keep: one a CPU (at least two) and four more, so that a few slow
    queries waiting out their timeout leave workers free for the others (a query mostly
    waits on its CPU; an idle worker costs only its memory)."""
    return max(2, os.cpu_count() or 1) + 4


def _retry_after(timeout: float) -> int:
    return max(1, math.ceil(timeout))


def _timed_out(timeout: float) -> QueryRefused:
    message = f"the query did not finish within {timeout:g} s"
    return QueryRefused(HTTPStatus.SERVICE_UNAVAILABLE, message, _retry_after(timeout))


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext, path: str, memory: int) -> None:
        from kg.query.serve.execute import serve_tasks

        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(  # type: ignore[attr-defined]
            target=serve_tasks, args=(child, path, memory), name="kg-sparql-worker", daemon=True
        )
        self.proc.start()
        child.close()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """Warm worker processes, each with the Oxigraph folder at `path` open read-only."""

    def __init__(self, path: str, size: int, memory: int = MEMORY) -> None:
        self._memory = memory
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload([_WORKER])
        self._path = path
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self._path, self._memory)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker, and start another in its place without making the caller wait."""
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            self.killed += 1
            if self._closed:
                return

        def refill() -> None:
            fresh = self._spawn()
            if self._closed:
                fresh.stop()
            else:
                self._idle.put(fresh)

        threading.Thread(target=refill, name="kg-sparql-refill", daemon=True).start()

    def pids(self) -> list[int]:
        """The process ids of the workers now alive."""
        with self._lock:
            return sorted(w.proc.pid for w in self._workers if w.proc.pid is not None)

    @property
    def running(self) -> int:
        """Queries running now."""
        with self._lock:
            return len(self._workers) - self._idle.qsize()

    def run(self, task: Task, timeout: float) -> tuple[bytes, bool]:
        """The task's answer and whether it was cut; waits for a free worker, and answers 503
        (the worker killed) when the whole takes more than `timeout` seconds."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise _timed_out(timeout) from None
        try:
            worker.conn.send(task)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise _timed_out(timeout)
            kind, *reply = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryRefused(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                f"the query's worker died (a query may use at most {self._memory} MB)",
            ) from None
        self._idle.put(worker)
        if kind == "error":
            raise QueryRefused(HTTPStatus(reply[0]), reply[1])
        return reply[0], reply[1]

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()


class ThreadRunner:
    """Queries in threads of this process over a store a process cannot share."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self.running = 0

    def run(self, task: Task, timeout: float) -> tuple[bytes, bool]:
        """The task's answer and whether it was cut; 503 past `timeout` seconds (the thread
        goes on until its query ends) or when MAX_RUNNING threads are running."""
        with self._lock:
            if self.running >= MAX_RUNNING:
                busy = "too many queries running"
                raise QueryRefused(HTTPStatus.SERVICE_UNAVAILABLE, busy, _retry_after(timeout))
            self.running += 1
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                outcome["answer"] = answer_store(self._store, task)
            except Exception as e:
                outcome["error"] = failure(e)
            finally:
                with self._lock:
                    self.running -= 1

        worker = threading.Thread(target=work, name="kg-sparql-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise _timed_out(timeout)
        if "error" in outcome:
            status, message = outcome["error"]  # type: ignore[misc]
            raise QueryRefused(HTTPStatus(status), message)
        return outcome["answer"]  # type: ignore[return-value]

    def pids(self) -> list[int]:
        """No worker processes: the queries run here."""
        return []

    def close(self) -> None:
        """Nothing to stop (threads end with their queries)."""
