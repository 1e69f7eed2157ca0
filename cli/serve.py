"""`koppel serve`: web, worker and (when REDIS_URL is unset) an embedded Redis, stopped together.

What the operator needs is printed last, once the web server answers: the address, the forms'
addresses and the demo login. A busy port or a child that dies on its own ends with a clear
message and a non-zero exit code, never with a cheerful "stopped" and 0."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Callable

import click

from config import Settings
from matching import bootstrap

READY_SECONDS = 90  # a first start on a slow machine migrates, loads the demo and starts gunicorn


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port (checked by binding it, as the web server will)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        # as gunicorn does: a port whose last connections linger in TIME_WAIT after a restart is free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def busy_port_message(port: int) -> str:
    return (f"Poort {port} is al in gebruik: er draait al iets op dit adres. Stop dat eerst, of kies een andere "
            f"poort, bijvoorbeeld: make run PORT={port + 77}  (koppel serve --port {port + 77}).\n"
            f"Port {port} is already in use. Stop what runs there, or choose another port.")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own loopback address)
            return response.status in (200, 503)  # 503: up, but a part (the broker) is still starting
    except OSError:
        return False


def run_all(settings: Settings, host: str, port: int, worker_processes: int = 1,
            banner: list[str] | None = None, prepare: Callable[[], list[str]] | None = None) -> None:
    """Start the children, wait until one exits or Ctrl-C, then stop all of them cleanly. `prepare`
    (the demo's data) runs while the web server starts, before the worker starts; its lines join the
    banner."""
    if not port_is_free(host, port):
        raise click.ClickException(busy_port_message(port))
    env = dict(os.environ)
    if not settings.redis_url:
        env["REDIS_URL"] = bootstrap.redis_url(settings)
    env["KOPPEL_INSTANCE"] = str(settings.instance_path)
    me = [sys.executable, "-m", "cli.main"]
    children = {
        "de webserver / the web server": subprocess.Popen(me + ["web", "--host", host, "--port", str(port)], env=env),
    }
    stop = {"now": False, "announced": False}

    def request_stop(*_):
        stop["now"] = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    started = time.monotonic()
    address = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    failed: list[str] = []
    try:
        banner = (banner or []) + (prepare() if prepare else [])
        children["de worker / the worker"] = subprocess.Popen(
            me + ["worker", "--processes", str(worker_processes)], env=env)
        while not stop["now"]:
            failed = [name for name, child in children.items() if child.poll() is not None]
            if failed:
                break
            if not stop["announced"] and (_answers(address + "/healthz") or time.monotonic() - started > READY_SECONDS):
                stop["announced"] = True
                click.echo(_banner(address, banner or []))
            time.sleep(0.2)
    finally:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children.values():
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        bootstrap.stop_embedded_redis()
    if failed:
        codes = ", ".join(f"{name}: {children[name].returncode}" for name in failed)
        raise click.ClickException(f"Koppel is gestopt met een fout: {codes} stopte onverwacht (zie hierboven). "
                                   f"Koppel stopped with an error.")
    click.echo("Koppel is gestopt.")


def _banner(address: str, lines: list[str]) -> str:
    rule = "=" * 64
    body = [f"Koppel draait op {address}  (Ctrl-C stopt alles)"] + [line.replace("{address}", address) for line in lines]
    return "\n".join(["", rule, *body, rule, ""])
