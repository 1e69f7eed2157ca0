"""Configuration from the environment, with embedded defaults and a strict production."""
import pytest

from config import ConfigError, from_env

pytestmark = pytest.mark.unit


def test_defaults_are_embedded_and_the_secret_is_made_once(tmp_path):
    first = from_env({"KOPPEL_INSTANCE": str(tmp_path)})
    assert first.env == "development" and first.redis_url is None
    assert first.database_url == f"sqlite:///{tmp_path / 'koppel.sqlite3'}"
    assert len(first.secret_key) == 64
    assert from_env({"KOPPEL_INSTANCE": str(tmp_path)}).secret_key == first.secret_key


def test_production_refuses_to_start_without_its_settings(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY, DATABASE_URL, REDIS_URL"):
        from_env({"KOPPEL_ENV": "production", "KOPPEL_INSTANCE": str(tmp_path)})
    ok = from_env({"KOPPEL_ENV": "production", "SECRET_KEY": "s", "DATABASE_URL": "postgresql://db/koppel",
                   "REDIS_URL": "redis://r:6379/0"})
    assert ok.database_url == "postgresql+psycopg://db/koppel" and ok.is_production


def test_an_unknown_environment_is_refused():
    with pytest.raises(ConfigError, match="KOPPEL_ENV"):
        from_env({"KOPPEL_ENV": "staging"})


def test_the_retention_period_is_read_and_checked(tmp_path):
    assert from_env({"KOPPEL_INSTANCE": str(tmp_path)}).retention_months == 12
    assert from_env({"KOPPEL_INSTANCE": str(tmp_path), "KOPPEL_RETENTION_MONTHS": "24"}).retention_months == 24
    for wrong in ("0", "-3", "een jaar"):
        with pytest.raises(ConfigError, match="KOPPEL_RETENTION_MONTHS"):
            from_env({"KOPPEL_INSTANCE": str(tmp_path), "KOPPEL_RETENTION_MONTHS": wrong})
