"""`koppel serve`: web, worker and (when REDIS_URL is unset) an embedded Redis, stopped together."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import click

from config import Settings
from matching import bootstrap


def run_all(settings: Settings, host: str, port: int, worker_processes: int = 1) -> None:
    """Start the children, wait until one exits or Ctrl-C, then stop all of them cleanly."""
    env = dict(os.environ)
    if not settings.redis_url:
        env["REDIS_URL"] = bootstrap.redis_url(settings)
    env["KOPPEL_INSTANCE"] = str(settings.instance_path)
    me = [sys.executable, "-m", "cli.main"]
    children = [
        subprocess.Popen(me + ["web", "--host", host, "--port", str(port)], env=env),
        subprocess.Popen(me + ["worker", "--processes", str(worker_processes)], env=env),
    ]
    click.echo(f"Koppel draait op http://{host}:{port}  (Ctrl-C stopt alles)")
    stop = {"now": False}

    def request_stop(*_):
        stop["now"] = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        while not stop["now"] and all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        bootstrap.stop_embedded_redis()
        click.echo("Koppel is gestopt.")
