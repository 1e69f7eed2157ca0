"""The import-linter contracts in pyproject.toml really guard the architecture: on a copy of the code
with one forbidden import added, `lint-imports` fails. Were a contract removed or loosened, its probe
would pass and this test (so `make test`) would fail."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "matching", "web", "workers", "cli")

# (contract id, file, the line a careless change would add)
PROBES = [
    ("domain-stdlib-only", "matching/domain/people.py", "import sqlalchemy"),
    ("domain-stdlib-only", "matching/domain/match.py", "import numpy"),
    ("domain-stdlib-only", "matching/domain/people.py", "from matching.scoring import rules"),
    ("entry-points-use-bootstrap", "web/health.py", "from matching.adapters import orm"),
    ("entry-points-use-bootstrap", "cli/serve.py", "from matching.adapters import embedded_redis"),
    ("entry-points-use-bootstrap", "workers/actors.py", "from matching.adapters.broker import QUEUE"),
    ("layers", "matching/services/queries/waiting_list.py", "from matching.bootstrap import bootstrap"),
    ("layers", "matching/adapters/orm.py", "import web"),
    ("layers", "config/settings.py", "import matching.domain"),
    ("scoring-pure", "matching/scoring/rules.py", "import sqlalchemy"),
    ("edges-leave-logins-to-services", "web/auth.py", "import pyotp"),
    ("edges-leave-logins-to-services", "web/pages/login.py", "from argon2 import PasswordHasher"),
    ("services-use-ports", "matching/services/handlers/requests.py", "import sqlalchemy"),
    ("services-use-ports", "matching/services/queries/dashboard_page.py", "from matching.adapters import read_models"),
    ("services-use-ports", "matching/services/event_handlers.py", "from matching.adapters import mail"),
    ("services-use-ports", "matching/services/accounts.py", "import argon2"),
]


def _lint_imports() -> str:
    beside = Path(sys.executable).with_name("lint-imports")
    return str(beside) if beside.exists() else shutil.which("lint-imports") or "lint-imports"


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "koppel"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__", "templates",
                                                                                       "static", "translations", "data"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _lint(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(copy))
    return subprocess.run([_lint_imports(), "--no-cache", *args], cwd=copy, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_code_as_it_is_keeps_every_contract(tmp_path):
    done = _lint(_copy(tmp_path))
    assert done.returncode == 0, done.stdout[-3000:]
    assert " 0 broken" in done.stdout


@pytest.mark.parametrize(("contract", "path", "line"), PROBES, ids=[f"{p[0]}:{p[1]}:{p[2]}" for p in PROBES])
def test_a_forbidden_import_breaks_its_contract(contract, path, line, tmp_path):
    copy = _copy(tmp_path)
    with (copy / path).open("a") as module:
        module.write(f"\n{line}  # probe\n")
    done = _lint(copy, "--contract", contract)
    assert done.returncode != 0
    assert "Contracts: 0 kept, 1 broken." in done.stdout, done.stdout[-3000:] + done.stderr[-2000:]


def test_the_domain_imports_only_the_standard_library_and_itself():
    """Stricter than any list of forbidden packages: every import in matching/domain, also inside functions."""
    outside = []
    for source in sorted((ROOT / "matching" / "domain").glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(), str(source))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = ["." if node.level else node.module or ""]
            else:
                continue
            outside += [f"{source.name}: {name}" for name in names
                        if name not in (".", "__future__") and name.split(".")[0] not in sys.stdlib_module_names
                        and name != "matching.domain" and not name.startswith("matching.domain.")]
    assert outside == []


def test_the_edges_check_no_password_or_code_themselves():
    """Web, workers and CLI reach the password hasher and TOTP only through matching.services.accounts:
    they import neither from the composition root or an adapter (a re-export passes import-linter)."""
    found = []
    for package in ("web", "workers", "cli"):
        for source in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(source.read_text(), str(source))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("matching.bootstrap",
                                                                                         "matching.adapters")):
                    found += [f"{source.relative_to(ROOT)}: {alias.name}" for alias in node.names
                              if alias.name in ("passwords", "totp")]
    assert found == []
