"""Importing Koppel starts nothing and writes nothing (STYLE habit 6), and the domain stays light.

Each check runs in a fresh interpreter with an instance folder that does not exist yet, so what an
import does is not hidden by what this test run already built. Before the composition root,
importing `workers.actors` started an embedded Redis and `web.wsgi` wrote a secret key.
"""
from __future__ import annotations

import json
import os
import pkgutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "matching", "web", "workers", "cli")
HEAVY = ("numpy", "scipy", "ortools")

# Runs in the fresh interpreter: import the given modules, then report what the process holds.
PROBE = """
import importlib, json, os, subprocess, sys, threading
for name in sys.argv[1:]:
    importlib.import_module(name)
ps = subprocess.Popen(["ps", "-A", "-o", "pid=,ppid=,command="], stdout=subprocess.PIPE, text=True)
rows = [line.split(None, 2) + [""] for line in ps.communicate()[0].splitlines()]
others = [row for row in rows if int(row[0]) not in (os.getpid(), ps.pid)]
print(json.dumps({"children": [row[2] for row in others if int(row[1]) == os.getpid()],
                  "under_tmp": [row[2] for row in others if os.environ["TMPDIR"] in row[2]],
                  "threads": [t.name for t in threading.enumerate()], "modules": sorted(sys.modules)}))
"""


def _all_modules() -> list[str]:
    """Every module of Koppel's packages (not migrations/: Alembic runs env.py on purpose)."""
    names = []
    for package in PACKAGES:
        names.append(package)
        path = [str(ROOT / package)]
        names += [info.name for info in pkgutil.walk_packages(path, prefix=f"{package}.")]
    return names


def _fresh_env(tmp_path: Path) -> dict[str, str]:
    """The embedded defaults (no REDIS_URL, DATABASE_URL or SECRET_KEY) on an instance folder not yet made;
    TMPDIR of our own: a daemonised redis-server is nobody's child, but its command names a file there."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "DATABASE_URL", "SECRET_KEY", "KOPPEL_ENV", "MAIL_URL")}
    (tmp_path / "tmp").mkdir()
    env.update(KOPPEL_INSTANCE=str(tmp_path / "instance"), TMPDIR=str(tmp_path / "tmp"), PYTHONPATH=str(ROOT))
    return env


def _import_fresh(modules: list[str], tmp_path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *modules], cwd=tmp_path, env=_fresh_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _processes_under(folder: Path) -> list[int]:
    """Processes whose command line names a path in `folder`."""
    rows = subprocess.run(["ps", "-A", "-o", "pid=,command="], capture_output=True, text=True).stdout
    return [int(row.split(None, 1)[0]) for row in rows.splitlines() if str(folder) in row]


@pytest.fixture
def leftovers(tmp_path):
    """Whatever an import started is stopped again, so a failing run leaves no Redis behind."""
    yield
    for pid in _processes_under(tmp_path):
        os.kill(pid, signal.SIGTERM)


def test_importing_every_module_starts_no_process_or_thread_and_writes_nothing(tmp_path, leftovers):
    report = _import_fresh(_all_modules(), tmp_path)
    assert report["children"] == [] and report["under_tmp"] == []
    assert report["threads"] == ["MainThread"]
    instance = tmp_path / "instance"
    assert not instance.exists() or list(instance.iterdir()) == []


@pytest.mark.parametrize("module", ["workers.actors", "workers.main", "web", "web.wsgi", "cli.main",
                                    "matching.bootstrap"])
def test_importing_an_entry_point_alone_starts_no_redis_and_writes_nothing(module, tmp_path, leftovers):
    report = _import_fresh([module], tmp_path)
    assert report["children"] == [] and report["under_tmp"] == []
    assert not (tmp_path / "instance").exists()


def test_the_domain_loads_without_numpy_scipy_or_ortools(tmp_path):
    domain = [name for name in _all_modules() if name.startswith("matching.domain")]
    report = _import_fresh(domain, tmp_path)
    loaded = {name.split(".")[0] for name in report["modules"]}
    assert not loaded & set(HEAVY)
    assert "sqlalchemy" not in loaded and "flask" not in loaded


def test_the_scoring_api_is_still_reached_from_matching():
    """CONTRACT section 7: `matching.Profile`, `OfferIndex` and `assign`, loaded on first use."""
    import matching
    from matching import OfferIndex, Profile, assign
    from matching import scoring

    assert (Profile, OfferIndex, assign) == (scoring.Profile, scoring.OfferIndex, scoring.assign)
    assert {"Profile", "OfferIndex", "assign", "Candidate", "UnknownPostcode"} <= set(dir(matching))
    with pytest.raises(AttributeError):
        matching.NoSuchThing  # noqa: B018
