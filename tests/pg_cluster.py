"""A throw-away PostgreSQL cluster on a free port, for tests that stop and start the database."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile


def available() -> bool:
    return bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")) and shutil.which("runuser") is not None


class TempPostgres:
    def __init__(self):
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.dir = tempfile.mkdtemp(prefix="koppel-pg-")
        os.chmod(self.dir, 0o777)
        self.data = os.path.join(self.dir, "data")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *args: str) -> None:
        command = [os.path.join(self.bin, args[0]), *args[1:]]
        if os.geteuid() == 0:  # initdb and pg_ctl refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def init(self) -> "TempPostgres":
        self._as_postgres("initdb", "-D", self.data, "-A", "trust", "-U", "postgres")
        return self

    def start(self) -> None:
        self._as_postgres("pg_ctl", "-D", self.data, "-w", "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
                          "-l", os.path.join(self.dir, "log"), "start")

    def stop(self) -> None:
        self._as_postgres("pg_ctl", "-D", self.data, "-w", "-m", "fast", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
