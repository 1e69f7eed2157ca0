"""gunicorn run from Python, so `koppel web` needs nothing on the PATH; and the access log without
personal data, also for the Procfile's gunicorn (`--logger-class cli.gunicorn_app.PrivateLogger`)."""
from __future__ import annotations

from urllib.parse import parse_qsl

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from config.logs import MASK, protect, scrub

# time, request line, status, bytes, milliseconds: what operations need, no address, no agent
ACCESS_FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'


def _query(query: str) -> str:
    """Keys kept, every value masked: `q=` may hold a name, `next=` a private link."""
    return "&".join(f"{key}={MASK}" for key, _ in parse_qsl(query, keep_blank_values=True))


class PrivateLogger(Logger):
    """gunicorn's logger with no client address, user agent, referrer or header in any access line
    (whatever `access_log_format` asks for), private-link tokens and query values masked, and the
    privacy formatter on its error log too."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        protect(self.error_log)
        protect(self.access_log)

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        path = scrub(environ.get("PATH_INFO") or "")
        query = _query(environ.get("QUERY_STRING") or "")
        kept = {key: value for key, value in atoms.items() if not key.startswith("{")}  # headers, environ
        kept.update(h="-", u="-", f="-", a="-", U=path, q=query,
                    r=f"{environ['REQUEST_METHOD']} {path}{'?' + query if query else ''} {environ['SERVER_PROTOCOL']}")
        return kept


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
    """The web app on host:port, with an access log on standard output that holds no personal data."""
    KoppelWeb({"bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
               "logger_class": PrivateLogger, "accesslog": "-", "access_log_format": ACCESS_FORMAT,
               # no ~/.gunicorn/gunicorn.ctl: Koppel never uses it, and every gunicorn of a user shares that path
               "control_socket_disable": True, "graceful_timeout": 10, "timeout": 60}).run()
