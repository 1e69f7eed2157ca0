"""Every Dutch text of the pages has its English translation (the switch never shows a mix)."""
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def test_the_english_catalogue_is_complete(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "web/babel.cfg", "-k", "_l",
                    "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    with (ROOT / "web/translations/en/LC_MESSAGES/messages.po").open("rb") as handle:
        done = {m.id for m in read_po(handle) if m.id and m.string}
    assert wanted - done == set()
