"""`koppel serve` tells the operator what is wrong: a busy port ends at once, with the port named and a
non-zero exit code (CONTRACT section 14)."""
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def test_serve_on_a_busy_port_exits_non_zero_naming_the_port(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ, KOPPEL_INSTANCE=str(tmp_path / "instance"), KOPPEL_ENV="development")
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        done = subprocess.run([sys.executable, "-m", "cli.main", "serve", "--demo", "--port", str(port)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"Poort {port} is al in gebruik" in done.stderr and f"Port {port} is already in use" in done.stderr
    assert "Koppel is gestopt." not in done.stdout + done.stderr
    assert not (tmp_path / "instance").exists() or not any((tmp_path / "instance").iterdir())  # nothing started


def test_port_is_free_sees_a_listening_socket():
    from cli.serve import port_is_free

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert not port_is_free("127.0.0.1", taken.getsockname()[1])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    assert port_is_free("127.0.0.1", free)
