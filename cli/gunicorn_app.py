"""gunicorn run from Python, so `koppel web` needs nothing on the PATH."""
from __future__ import annotations

from gunicorn.app.base import BaseApplication


class KoppelWeb(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from web.wsgi import app

        return app


def serve(host: str, port: int, workers: int = 2, threads: int = 4) -> None:
    KoppelWeb({"bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
               "accesslog": None, "graceful_timeout": 10, "timeout": 60}).run()
