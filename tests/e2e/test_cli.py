"""The koppel command line, as an operator uses it."""
import pytest
from click.testing import CliRunner

from cli.main import cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def run(settings, session_factory):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)
    return invoke


def test_org_and_user_create(run):
    assert "organisation west created" in run("org", "create", "west", "--name", "Vriendendienst West").output
    again = run("org", "create", "west", "--name", "Again")
    assert again.exit_code == 1 and "exists" in again.output
    created = run("user", "create", "c@west.example", "--org", "west", "--role", "admin",
                  input="a long enough password\n")
    assert created.exit_code == 0 and "user c@west.example created" in created.output
    short = run("user", "create", "d@west.example", "--org", "west", input="short\n")
    assert short.exit_code == 1 and "password" in short.output


def test_demo_is_deterministic_with_a_seed_and_match_run_proposes(run, bus):
    from matching.services.queries import match_list, waiting_list

    assert run("demo", "--org", "een", "--requests", "12", "--volunteers", "10", "--placements", "2",
               "--seed", "5").exit_code == 0
    assert run("demo", "--org", "twee", "--requests", "12", "--volunteers", "10", "--placements", "2",
               "--seed", "5").exit_code == 0
    with bus.uow() as uow:
        one, two = uow.organizations.by_slug("een").id, uow.organizations.by_slug("twee").id

    def people(org_id):
        return [(r["first_name"], r["postcode"], r["kind"]) for r in waiting_list.rows(bus, org_id, None, None)]
    assert people(one) == people(two) and len(people(one)) == 12
    assert len({p[1] for p in people(one)}) > 5  # spread over the region
    result = run("match", "run", "--org", "een")
    assert result.exit_code == 0 and "proposal(s) made for een" in result.output
    made = int(result.output.split()[0])
    assert made > 0
    assert len(match_list.rows(bus, one, "proposed")) == made
    assert run("match", "run", "--org", "een").output.startswith("0 proposal")  # nobody proposed twice


def test_db_upgrade(run):
    assert "up to date" in run("db", "upgrade").output


def test_network_create_and_add(run, bus):
    for slug in ("noord", "oost", "zuid"):
        run("org", "create", slug, "--name", slug.title())
    made = run("network", "create", "utrecht", "--name", "Zelfregienetwerk Utrecht", "--orgs", "noord,oost")
    assert made.exit_code == 0 and "network utrecht created" in made.output
    assert "zuid is now in network utrecht" in run("network", "add", "utrecht", "zuid").output
    assert run("network", "add", "utrecht", "zuid").exit_code == 0  # twice changes nothing
    unknown = run("network", "add", "nergens", "zuid")
    assert unknown.exit_code == 1 and "no network nergens" in unknown.output
    assert run("network", "add", "utrecht", "west").exit_code == 1
    with bus.uow() as uow:
        noord = uow.organizations.by_slug("noord").id
        assert sorted(o.slug for o in uow.networks.partners(noord)) == ["oost", "zuid"]
