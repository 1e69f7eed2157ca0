"""`koppel worker`: Dramatiq worker processes plus the outbox sweeper, stopped cleanly on SIGINT/SIGTERM."""
from __future__ import annotations

import logging
import os
import signal
import threading

from dramatiq import Worker

from workers import runtime
from workers.sweeper import Sweeper

log = logging.getLogger(__name__)
# An idle consumer backs off up to this long between fetches; short keeps suggestions quick: a new
# request waited up to 100 ms for an idle worker to look (issue 19: p95 <= 100 ms from submit to
# stored suggestions). An idle process then asks Redis about 50 times a second, a few ms of CPU.
WORKER_TIMEOUT_MS = 20


def run(threads: int = 4, nice: int = 0) -> None:
    """Run one worker process until it is told to stop. `nice` lowers its CPU priority: where the
    workers share cores with the web server (`koppel serve`, a small machine), a coordinator's page
    and a person's sign-up go first and a burst of scoring takes the CPU that is left (issue 19)."""
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    broker, bus = runtime.broker(), runtime.bus()
    runtime.actor()  # declared before the worker starts consuming
    worker = Worker(broker, worker_threads=threads, worker_timeout=WORKER_TIMEOUT_MS)
    sweeper = Sweeper(bus, runtime.settings().sweep_seconds)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    worker.start()
    sweeper.start()
    log.info("worker %d running with %d threads", os.getpid(), threads)
    bus.sweep()  # what the broker missed while no worker ran
    stop.wait()
    sweeper.stop()
    worker.stop(timeout=10_000)
    bus.close()  # marks what was published, releases the database
    broker.close()
