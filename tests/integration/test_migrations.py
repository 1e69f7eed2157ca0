"""The Alembic migrations build exactly the schema the models describe."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from matching.adapters.orm import metadata

pytestmark = pytest.mark.integration


def test_models_and_migrations_do_not_drift(settings):
    engine = create_engine(settings.database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ; run alembic revision --autogenerate: {diff}"


def _revisions(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        revisions = list(MigrationContext.configure(conn).get_current_heads())
    engine.dispose()
    return revisions


def test_upgrade_is_idempotent(settings):
    from alembic.script import ScriptDirectory

    from matching.adapters.migrate import alembic_config, upgrade

    heads = list(ScriptDirectory.from_config(alembic_config(settings.database_url)).get_heads())
    assert _revisions(settings.database_url) == heads  # the session's database is at head ...
    upgrade(settings.database_url)  # ... so a second upgrade has nothing to do, and raises nothing
    assert _revisions(settings.database_url) == heads
    test_models_and_migrations_do_not_drift(settings)
