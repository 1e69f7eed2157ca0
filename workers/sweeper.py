"""The periodic sweep: republish outbox events the broker never got (it was down, or a web process died)."""
from __future__ import annotations

import logging
import threading
from datetime import timedelta

log = logging.getLogger(__name__)


class Sweeper(threading.Thread):
    """Every `interval` seconds, publish events older than `grace` that are still unpublished."""

    def __init__(self, bus, interval: float, grace: float = 1.0):
        super().__init__(name="koppel-sweeper", daemon=True)
        self.bus, self.interval, self.grace = bus, interval, timedelta(seconds=grace)
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            try:
                sent = self.bus.sweep(self.grace)
                if sent:
                    log.info("sweep republished %d event(s)", sent)
            except Exception as error:  # the database or broker is down: try again next round
                log.warning("sweep failed: %s", type(error).__name__)

    def stop(self) -> None:
        self.stopping.set()
