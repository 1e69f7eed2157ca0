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


def test_serve_demo_prints_the_demo_forms_and_login_last_and_stops_cleanly(tmp_path):
    """The demo's year is lived while the web server starts; the banner comes after it, so it names the
    demo organisation's forms (not "no organisation yet") and the login that works."""
    import signal
    import time

    from tests.servers import free_port

    port = free_port()
    env = dict(os.environ, KOPPEL_INSTANCE=str(tmp_path / "instance"), KOPPEL_ENV="development")
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        serve = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--demo", "--port", str(port)], cwd=ROOT,
                                 env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 300
            while "Demo-coördinator" not in log.read_text() and serve.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
            text = log.read_text()
        finally:
            os.killpg(serve.pid, signal.SIGINT)
            serve.wait(timeout=60)
    banner = text[text.index("Koppel draait op"):]
    assert f"Vriendendienst Demo: http://127.0.0.1:{port}/demo/maatje" in banner
    assert "Nog geen organisatie" not in banner
    email, password = (tmp_path / "instance" / "demo_login.txt").read_text().split()[:2]
    assert f"Demo-coördinator: {email} / wachtwoord: {password}" in banner
    assert serve.returncode == 0 and "Koppel is gestopt." in log.read_text()
