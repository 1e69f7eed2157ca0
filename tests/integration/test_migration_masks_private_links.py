"""Migration 0008 masks the private links already stored in message bodies, and nothing else."""
import pytest
from alembic import command
from sqlalchemy import create_engine, text

from matching.adapters.migrate import alembic_config

pytestmark = pytest.mark.integration

TOKEN = "zIajgWAdPGioD7iwM8iVYwyzdTBEHVa7"
BODIES = {
    "welcome": (f"Beste Anna,\n\nMet deze persoonlijke link ...:\nhttps://koppel.example/mijn/{TOKEN}\n\nGroet",
                "Beste Anna,\n\nMet deze persoonlijke link ...:\nhttps://koppel.example/mijn/••••••••\n\nGroet"),
    "download": (f"zie http://x/mijn/{TOKEN}/gegevens.json", "zie http://x/mijn/••••••••/gegevens.json"),
    "introduction": ("Je bent gekoppeld aan Bram, via je persoonlijke link (uit onze eerste mail).",
                     "Je bent gekoppeld aan Bram, via je persoonlijke link (uit onze eerste mail)."),
}


def test_upgrading_masks_every_live_link_in_stored_messages(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    command.upgrade(alembic_config(url), "0007")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO organizations VALUES ('o1', 'noord', 'Noord', '2026-01-01 00:00:00')"))
        for message_id, (before, _) in BODIES.items():
            conn.execute(text(
                "INSERT INTO messages (id, organization_id, recipient_type, recipient_id, subject, body, status, "
                "attempts, created_at) VALUES (:id, 'o1', 'request', 'r1', 'Onderwerp', :body, 'stored', 0, "
                "'2026-01-01 00:00:00')"), {"id": message_id, "body": before})
    command.upgrade(alembic_config(url), "head")
    with engine.connect() as conn:
        after = dict(conn.execute(text("SELECT id, body FROM messages")).all())
        seals = set(conn.execute(text("SELECT link_seal FROM messages")).scalars())
    engine.dispose()
    assert after == {message_id: masked for message_id, (_, masked) in BODIES.items()}
    assert seals == {None}
