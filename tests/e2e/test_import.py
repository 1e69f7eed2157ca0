"""Moving in from a spreadsheet: messy real-world files, every row's outcome, no duplicates on a rerun."""
import io
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from cli.main import cli
from tests.conftest import eventually
from matching.services.queries import match_list, volunteer_list, waiting_list
from matching.services.importing import service
from matching.services.importing.columns import guess_mapping

pytestmark = pytest.mark.e2e
DATA = Path(__file__).resolve().parents[1] / "data"


def outcomes_by_row(outcomes):
    return {o.row: (o.outcome, o.reason) for o in outcomes}


def test_a_messy_volunteer_csv_gives_an_outcome_for_every_row(bus, org):
    content = (DATA / "vrijwilligers_rommelig.csv").read_bytes()
    mapping, outcomes = service.import_file(bus, org["id"], "volunteers", "vrijwilligers.csv", content)
    assert mapping["Hobby's"] == "interests" and mapping["VOG datum"] == "vog_date" and mapping["E-mail"] == "email"
    rows = outcomes_by_row(outcomes)
    assert rows[2][0] == "imported"
    assert 3 not in rows  # the empty line
    assert rows[4][0] == "imported"  # the email in capitals is still the same person later
    assert rows[5] == ("skipped", "postcode onbekend")
    assert rows[6] == ("skipped", "geen interesses herkend, geen beschikbaarheid herkend")
    assert rows[7][0] == "updated" and "interesses" in rows[7][1]  # the duplicate row of Bram (Dutch field names)
    assert rows[8] == ("skipped", "vrijwilliger is gestopt")
    volunteers = {v["email"]: v for v in volunteer_list.rows(bus, org["id"], None, None)}
    assert set(volunteers) == {"bram@example.org", "fatima@example.org"}
    assert volunteers["bram@example.org"]["status"] == "active"
    assert volunteers["bram@example.org"]["vog_checked_at"].date().isoformat() == "2024-03-12"
    assert volunteers["fatima@example.org"]["status"] == "applied"  # active per the sheet, but no VOG date
    fatima = next(o for o in outcomes if o.row == 4)
    assert any("zonder VOG-datum" in note for note in fatima.notes) and any("weekend" in n for n in fatima.notes)

    _, again = service.import_file(bus, org["id"], "volunteers", "vrijwilligers.csv", content)
    assert {o.outcome for o in again} <= {"unchanged", "skipped", "updated"}
    assert len(volunteer_list.rows(bus, org["id"], None, None)) == 2  # a rerun creates no duplicates


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_waiting_list_with_english_headers_and_excel_dates_keeps_the_waiting_order(bus, org):
    content = _xlsx([
        ["First name", "E-mail", "Phone", "Zip", "Interests", "Availability", "Type", "Signed up"],
        ["Anna", "anna@example.org", None, "3511 AB", "walking; coffee", "Tuesday afternoon", "maatje", datetime(2025, 3, 1)],
        [None, None, None, None, None, None, None, None],
        ["Ali", None, "+31 6 12345678", "3512", "kitchen", "mon morning", "werkervaringsplaats", "15-01-2025"],
        ["Noor", "noor@", None, "3513", "film", "wo avond", "maatje", None],
        ["Joop", "joop@example.org", None, "3514", "film", "wo avond", "oppas", None],
    ])
    mapping, outcomes = service.import_file(bus, org["id"], "requests", "wachtlijst.xlsx", content)
    assert mapping["Signed up"] == "signed_up" and mapping["Zip"] == "postcode"
    rows = outcomes_by_row(outcomes)
    assert [rows[r][0] for r in (2, 4)] == ["imported", "imported"]
    assert rows[5] == ("skipped", "e-mailadres ontbreekt of klopt niet")
    assert rows[6] == ("skipped", "soort hulp onbekend")
    waiting = waiting_list.rows(bus, org["id"], "waiting", None)
    assert [r["first_name"] for r in waiting] == ["Ali", "Anna"]  # signed up earlier, waits longer
    assert waiting[0]["kind"] == "werkervaringsplaats" and waiting[1]["waiting_days"] > 200
    _, again = service.import_file(bus, org["id"], "requests", "wachtlijst.xlsx", content)
    assert [o.outcome for o in again if o.row in (2, 4)] == ["unchanged", "unchanged"]  # phone +31 finds Ali


def test_running_matches_are_imported_after_the_people(bus, org):
    service.import_file(bus, org["id"], "volunteers", "v.csv", (DATA / "vrijwilligers_rommelig.csv").read_bytes())
    service.import_file(bus, org["id"], "requests", "r.csv",
                        b"voornaam,e-mail,postcode,interesses,beschikbaarheid\nAnna,anna@example.org,3511,film,di middag\n")
    content = b"deelnemer;vrijwilliger;startdatum\nanna@example.org;bram@example.org;01-02-2025\n" \
              b"nobody@example.org;bram@example.org;01-02-2025\n"
    _, outcomes = service.import_file(bus, org["id"], "matches", "koppelingen.csv", content)
    assert outcomes_by_row(outcomes) == {2: ("imported", ""), 3: ("skipped", "deelnemer niet gevonden: importeer die eerst")}
    (match,) = match_list.rows(bus, org["id"], "active")
    assert match["confirmed_at"].date().isoformat() == "2025-02-01"
    _, again = service.import_file(bus, org["id"], "matches", "koppelingen.csv", content)
    assert again[0].outcome == "unchanged"


def test_the_cli_prints_a_report_per_row_and_a_dry_run_stores_nothing(settings, bus, org):
    runner = CliRunner()
    path = str(DATA / "vrijwilligers_rommelig.csv")
    result = runner.invoke(cli, ["import", "volunteers", path, "--org", "noord", "--dry-run"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "regel 5: overgeslagen – postcode onbekend" in result.output
    assert "proefimport, niets opgeslagen: 2 geïmporteerd, 1 bijgewerkt" in result.output
    assert volunteer_list.rows(bus, org["id"], None, None) == []
    result = runner.invoke(cli, ["import", "volunteers", path, "--org", "noord"], catch_exceptions=False)
    assert result.exit_code == 0 and len(volunteer_list.rows(bus, org["id"], None, None)) == 2
    bad = runner.invoke(cli, ["import", "volunteers", str(DATA / "vrijwilligers_rommelig.csv") + "x", "--org", "noord"])
    assert bad.exit_code == 2


def test_the_cli_import_publishes_its_events_at_once(settings, bus, org, session_factory):
    """`koppel import` goes through the upload's commands and the bus: the imported people's events reach
    the broker when the command ends, not at the worker's next sweep."""
    from sqlalchemy import select

    from matching.adapters import orm

    path = str(DATA / "vrijwilligers_rommelig.csv")
    assert CliRunner().invoke(cli, ["import", "volunteers", path, "--org", "noord"]).exit_code == 0
    with session_factory() as session:
        applied = session.execute(select(orm.outbox.c.published_at).where(
            orm.outbox.c.name == "volunteer.applied")).scalars().all()
    assert len(applied) == 2 and all(at is not None for at in applied)


def test_an_unreadable_file_is_a_clear_message(bus, org, tmp_path):
    from matching.services.importing.reader import UnreadableFile

    with pytest.raises(UnreadableFile, match="xlsx"):
        service.import_file(bus, org["id"], "volunteers", "lijst.pdf", b"%PDF")
    with pytest.raises(UnreadableFile, match="Excel"):
        service.import_file(bus, org["id"], "volunteers", "lijst.xlsx", b"not a zip")


def test_headers_are_recognised_in_dutch_and_english():
    mapping = guess_mapping(["Naam", "Mail", "Tel.", "PC", "Wat doe je graag", "Wanneer", "Opmerkingen"], "requests")
    assert mapping == {"Naam": "first_name", "Mail": "email", "Tel.": "phone", "PC": "postcode",
                       "Wat doe je graag": "interests", "Wanneer": "availability", "Opmerkingen": "about"}


def test_upload_fix_the_mapping_and_watch_the_worker_import(coordinator, worker, bus, org):
    from tests.e2e.test_public_forms import csrf

    content = (DATA / "vrijwilligers_rommelig.csv").read_bytes().replace(b"Hobby's", b"Wat ik leuk vind")
    token = csrf(coordinator, "/werkplek/importeren/")
    bad = coordinator.post("/werkplek/importeren/", data={"csrf_token": token, "soort": "volunteers",
                                                          "bestand": (io.BytesIO(b"%PDF"), "lijst.pdf")})
    assert bad.status_code == 422 and "kan Koppel niet lezen" in bad.get_data(as_text=True)
    response = coordinator.post("/werkplek/importeren/", data={
        "csrf_token": token, "soort": "volunteers", "bestand": (io.BytesIO(content), "vrijwilligers.csv")})
    assert response.status_code == 303
    page_url = response.headers["Location"]
    page = coordinator.get(page_url).get_data(as_text=True)
    assert "6 regels" in page and "postcode onbekend" in page  # the preview, nothing stored yet
    assert volunteer_list.rows(bus, org["id"], None, None) == []
    headers = ["Voornaam", "Achternaam", "E-mail", "Telefoon", "Postcode", "Wat ik leuk vind", "Beschikbaarheid",
               "Status", "VOG datum", "Aantal"]
    mapping = {f"kolom-{i}": f for i, f in enumerate(["first_name", "last_name", "email", "phone", "postcode",
                                                        "interests", "availability", "status", "vog_date", "capacity"])}
    assert len(headers) == len(mapping)
    started = coordinator.post(page_url, data={"csrf_token": token, "actie": "importeer", **mapping})
    assert started.status_code == 303

    def done():
        state = coordinator.get(page_url + "/stand").get_json()
        return state if state["status"] == "done" else None
    assert eventually(done)["total"] == 6
    report = coordinator.get(page_url).get_data(as_text=True)
    assert "Klaar: 6 regels verwerkt." in report and "vrijwilliger is gestopt" in report
    assert len(volunteer_list.rows(bus, org["id"], None, None)) == 2


def test_an_upload_is_stored_in_chunks_read_back_by_the_worker_and_dropped_after_the_import(
        coordinator, worker, bus, org, session_factory):
    from sqlalchemy import select

    from matching.adapters import orm
    from tests.e2e.test_public_forms import csrf

    lines = ["Voornaam;Achternaam;E-mail;Postcode;Hobby's;Beschikbaarheid"]
    lines += [f"P{i};Q;p{i}@example.org;3511;;" for i in range(1200)]  # no interests: skipped
    lines += ["Laatste;Rij;laatste@example.org;3511;wandelen;di middag"]
    token = csrf(coordinator, "/werkplek/importeren/")
    response = coordinator.post("/werkplek/importeren/", data={
        "csrf_token": token, "soort": "volunteers", "bestand": (io.BytesIO("\n".join(lines).encode()), "lang.csv")})
    page_url = response.headers["Location"]
    with session_factory() as session:
        chunks = session.execute(select(orm.import_rows.c.chunk, orm.import_rows.c.rows)
                                 .order_by(orm.import_rows.c.chunk)).all()
    assert [len(rows) for _, rows in chunks] == [500, 500, 201]  # no stored value holds the whole file
    assert chunks[2].rows[-1]["_row"] == 1202 and "Hobby's" not in chunks[0].rows[0]  # empty cells are not kept
    page = coordinator.get(page_url).get_data(as_text=True)
    assert "1201 regels" in page and page.count("geen interesses herkend") == 100  # the preview: first 100 rows
    mapping = {f"kolom-{i}": f for i, f in enumerate(["first_name", "last_name", "email", "postcode", "interests",
                                                        "availability"])}
    coordinator.post(page_url, data={"csrf_token": token, "actie": "importeer", **mapping})

    def done():
        state = coordinator.get(page_url + "/stand").get_json()
        return state if state["status"] == "done" else None
    assert eventually(done, timeout=120)["total"] == 1201
    assert [v["first_name"] for v in volunteer_list.rows(bus, org["id"], None, None)] == ["Laatste"]
    assert "Klaar: 1201 regels verwerkt." in coordinator.get(page_url).get_data(as_text=True)
    with session_factory() as session:
        assert session.execute(select(orm.import_rows)).all() == []  # the rows went with the import
