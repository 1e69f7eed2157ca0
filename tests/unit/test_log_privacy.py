"""What the log formatter and gunicorn's access log leave out: tokens, query values, client
addresses, emails, digests; and what they keep for operations: ids, server URLs, times."""
from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from config.logs import PrivacyFormatter, scrub

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
TOKEN = secrets.token_urlsafe(24)
ID = "0b8f6a7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"


@pytest.mark.parametrize("line, gone, kept", [
    (f"Exception on /mijn/{TOKEN}/pauze [POST]", TOKEN, "/mijn/…/pauze"),
    (f"Error handling request /api/v1/pulse/{TOKEN}", TOKEN, "/api/v1/pulse/…"),
    (f"GET /some/new/route/{TOKEN} HTTP/1.1", TOKEN, "/some/new/route/…"),
    ("GET /api/v1/requests?q=Anna&status=waiting", "Anna", "?q=…&status=…"),
    ("/login?next=/mijn/abc", "abc", "/login?next=…"),
    ("ratelimit 10 per 1 minute (192.168.17.42) exceeded", "192.168.17.42", "(192.168.17.0/24)"),
    ("Invalid request from ip=2001:db8:85a3:1:2:8a2e:370:7334: bad", "8a2e", "ip=2001:db8:85a3::/48: bad"),
    ("Invalid request from ip=::1: bad", "::1:", "ip=::/48: bad"),
    ("login for anna.de.vries@example.org", "anna.de.vries@example.org", "login for …@…"),
    ("key account:" + hashlib.sha256(b"a@example.org").hexdigest(), hashlib.sha256(b"a@example.org").hexdigest(),
     "account:…"),
])
def test_scrub_masks_secrets_and_personal_data(line, gone, kept):
    assert gone not in scrub(line) and kept in scrub(line)


@pytest.mark.parametrize("line", [
    f"POST /api/v1/matches/{ID}/confirm", "Listening at: http://127.0.0.1:5000 (123)", "redis://10.0.0.5:6379/0",
    "2026-11-25 12:00:00,123 INFO workers.main: worker 4321 running", "/noord/werkervaringsplaats", "Python 3.11.2",
])
def test_scrub_keeps_what_operations_need(line):
    assert scrub(line) == line


def test_the_formatter_scrubs_message_and_traceback_and_leaves_the_record_alone():
    try:
        raise ValueError(f"bad value for /mijn/{TOKEN} from 10.1.2.3")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Exception on %s", (f"/mijn/{TOKEN}",),
                                   exc_info=True)
        import sys

        record.exc_info = sys.exc_info()
    written = PrivacyFormatter().format(record)
    assert TOKEN not in written and "10.1.2.3" not in written and "ValueError" in written
    assert TOKEN in record.getMessage()  # other handlers (and the tests' log capture) see what was logged


def _access_line(tmp_path: Path, logger_class) -> str:
    from gunicorn.config import Config

    cfg = Config()
    log_file = tmp_path / f"{logger_class.__name__}.log"
    cfg.set("accesslog", str(log_file))
    cfg.set("access_log_format", cfg.access_log_format + ' %({cookie}i)s %({authorization}i)s %({remote_addr}e)s')
    logger = logger_class(cfg)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/mijn/{TOKEN}?klaar=1", "PATH_INFO": f"/mijn/{TOKEN}",
               "QUERY_STRING": "klaar=1", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.9",
               "HTTP_REFERER": f"https://koppel.example/mijn/{TOKEN}", "HTTP_USER_AGENT": "Firefox/Anna"}
    request = SimpleNamespace(headers=[("Cookie", "koppel=s3cr3t"), ("Authorization", f"Bearer {TOKEN}")])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.close()
    return log_file.read_text()


def test_the_access_log_holds_no_address_token_cookie_or_agent_whatever_the_format(tmp_path):
    from gunicorn.glogging import Logger

    from cli.gunicorn_app import PrivateLogger

    plain = _access_line(tmp_path, Logger)
    assert TOKEN in plain and "203.0.113.9" in plain  # gunicorn's own logger writes them
    line = _access_line(tmp_path, PrivateLogger)
    assert '"GET /mijn/…?klaar=… HTTP/1.1" 200 512' in line
    for secret in (TOKEN, "203.0.113", "s3cr3t", "Firefox", "Anna", "klaar=1"):
        assert secret not in line


def test_the_procfile_and_koppel_web_use_the_private_access_log():
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    assert "--logger-class cli.gunicorn_app.PrivateLogger" in web
    assert "PrivateLogger" in (ROOT / "cli" / "gunicorn_app.py").read_text().split("def serve", 1)[1]
