"""Web workers forked from one server compile the translations at the same moment: each writes its own
temporary file, so none of them fails to boot (a shared name made `make run` stop now and then with
"No such file or directory: …/messages.<n>.tmp")."""
import multiprocessing
from pathlib import Path

import pytest

from web import i18n

pytestmark = pytest.mark.unit


def _compile(target: str, barrier, catalog) -> None:
    """Compile with every worker's temporary file written before any of them is moved into place, each
    holding the catalogue at the same address (as forked workers do)."""
    write = i18n.write_mo
    i18n.read_po = lambda _handle: catalog

    def write_then_wait(handle, catalog):
        write(handle, catalog)
        barrier.wait(20)
    i18n.write_mo = write_then_wait
    i18n.compile_catalogs(Path(target))


def test_forked_workers_compiling_at_once_all_succeed(tmp_path):
    forked = multiprocessing.get_context("fork")
    barrier = forked.Barrier(3)
    with next(i18n.SOURCE.glob("*/LC_MESSAGES/messages.po")).open("rb") as handle:
        catalog = i18n.read_po(handle)
    workers = [forked.Process(target=_compile, args=(str(tmp_path), barrier, catalog)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert (tmp_path / "en" / "LC_MESSAGES" / "messages.mo").stat().st_size > 0
    assert not list(tmp_path.rglob("*.tmp"))
