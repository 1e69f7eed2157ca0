"""The Alembic migrations build exactly the schema the models describe."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from matching.adapters.orm import metadata

pytestmark = [pytest.mark.integration,  # SQLite cannot reflect expression indexes: EXPRESSION_INDEXES are checked by name
              pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index"),
              pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")]


EXPRESSION_INDEXES: set[str] = set()  # autogenerate cannot compare these: checked by name (none left since 0025)
DROPPED_INDEXES = {"ix_messages_org_contact", "ix_requests_live"}  # unread since 0023, dropped by 0025
TRIGRAM_INDEXES = {"ix_requests_search_trgm", "ix_volunteers_search_trgm"}  # PostgreSQL's search (migration 0020)
GIN_INDEXES = {"ix_audit_views_subjects"}  # PostgreSQL's "list views that showed this person" (migration 0022)


def test_models_and_migrations_do_not_drift(settings):
    engine = create_engine(settings.database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        listed = ("SELECT indexname FROM pg_indexes" if conn.dialect.name == "postgresql"
                  else "SELECT name FROM sqlite_master WHERE type = 'index'")
        built = set(conn.execute(text(listed)).scalars())
    engine.dispose()
    by_name = EXPRESSION_INDEXES | TRIGRAM_INDEXES | GIN_INDEXES
    diff = [d for d in diff if not (d[0] in ("add_index", "remove_index") and d[1].name in by_name)]
    assert diff == [], f"models and migrations differ; run alembic revision --autogenerate: {diff}"
    assert EXPRESSION_INDEXES <= built, "an expression index of the models is missing from the migrations"
    assert not DROPPED_INDEXES & built, "an index the models dropped is still built by the migrations"
    if engine.dialect.name == "postgresql":  # the test database may create pg_trgm: the search is indexed
        assert TRIGRAM_INDEXES | GIN_INDEXES <= built
    else:
        assert not GIN_INDEXES & built  # SQLite would index the whole JSON text, for nothing


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
