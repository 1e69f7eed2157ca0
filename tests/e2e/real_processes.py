"""`koppel serve` as an operator runs it, as real processes on a free port with their own instance
folder (SQLite, embedded Redis, secret key), their stdout and stderr kept in files to read after."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import requests

from tests.conftest import eventually
from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def descendants(root: int) -> set[int]:
    """The process ids under `root` (read from /proc while they run): numbers in the logs that are no postcode."""
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (ValueError, OSError, IndexError):
            continue
    found, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        found, grown = found | more, bool(more)
    return found


class Koppel:
    """`koppel serve` on a free port with its own instance folder; `env` adds settings."""

    def __init__(self, folder: Path, slug: str, **env: str):
        self.folder, self.slug, self.port = folder, slug, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        keep = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "MAIL_URL")}
        self.env = keep | {"KOPPEL_ENV": "development", "KOPPEL_INSTANCE": str(folder), "PYTHONPATH": str(ROOT),
                           "KOPPEL_PUBLIC_URL": self.base} | env
        self.pids: set[int] = set()
        self.process: subprocess.Popen | None = None

    def create_organisation(self, coordinator_email: str, password: str) -> None:
        """Migrated database, organisation and coordinator, in this process (faster than three CLI runs)."""
        from config import from_env
        from matching.adapters.migrate import upgrade
        from matching.bootstrap import bootstrap
        from matching.domain import commands as c
        from matching.services import organization_cache

        settings = from_env(self.env)
        upgrade(settings.database_url)
        bus = bootstrap(settings)
        bus.handle(c.CreateOrganization(self.slug, f"Vriendendienst {self.slug.capitalize()}"))
        bus.handle(c.CreateUser(self.slug, coordinator_email, password))
        bus.close()
        organization_cache.forget_all()

    def start(self) -> None:
        """Start `koppel serve` and wait until /healthz answers 200; the process ids are noted then."""
        self.out = open(self.folder / "stdout.log", "wb")
        self.err = open(self.folder / "stderr.log", "wb")
        self.process = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(self.port)],
                                        cwd=ROOT, env=self.env, stdout=self.out, stderr=self.err,
                                        start_new_session=True)
        def up():
            assert self.process.poll() is None, self.output()
            try:
                return requests.get(f"{self.base}/healthz", timeout=5).status_code == 200
            except requests.RequestException:  # not listening yet, or still loading the app
                return False
        eventually(up, timeout=90, interval=0.2)
        self.pids = descendants(self.process.pid)

    def stop(self) -> str:
        """Ctrl-C, as an operator stops it; then everything the processes wrote."""
        if self.process is not None and self.process.poll() is None:
            self.pids |= descendants(self.process.pid)
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.out.close()
        self.err.close()
        return self.output()

    def output(self) -> str:
        return "".join((self.folder / name).read_text(errors="replace") for name in ("stdout.log", "stderr.log"))

    def kill(self) -> None:
        """After a failed test: nothing left running, no file left open."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        for log in (getattr(self, "out", None), getattr(self, "err", None)):
            if log is not None and not log.closed:
                log.close()
