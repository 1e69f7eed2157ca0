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


def test_upgrade_is_idempotent(settings):
    from matching.adapters.migrate import upgrade

    upgrade(settings.database_url)  # already at head: nothing to do, no error
