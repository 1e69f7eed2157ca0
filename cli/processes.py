"""Run N copies of a command and stop them together (koppel worker --processes N)."""
from __future__ import annotations

import signal
import subprocess
import time


def run_copies(command: list[str], copies: int) -> None:
    children = [subprocess.Popen(command) for _ in range(copies)]
    stopping = {"now": False}
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.update(now=True))
    while not stopping["now"] and any(child.poll() is None for child in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        child.wait(timeout=15)
