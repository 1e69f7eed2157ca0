"""`koppel`: serve, web, worker, db, org, network, user, demo and match commands."""
from __future__ import annotations

import secrets
import sys

import click

from config import ConfigError, from_env
from matching.domain import commands
from matching.domain.errors import DomainError
from matching.domain.import_job import ImportKind
from matching.domain.organization import Role


def _settings():
    try:
        return from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def _bus(settings=None, publish=True):
    """A bus for one CLI command; events go to REDIS_URL's broker when it answers, else the worker's
    sweep sends them (a one-off command starts no embedded Redis)."""
    from matching import bootstrap

    settings = settings or _settings()
    if not publish:
        return bootstrap.bootstrap(settings)
    return bootstrap.connected_bus(settings, start_embedded=False)


def _org_id(bus, slug: str) -> str:
    """The organisation's id; NotFound (a clear message) when there is none at that slug."""
    from matching.services.queries import organization_pages

    return organization_pages.public_face(bus, slug)["id"]


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
def cli(verbose: bool) -> None:
    """Koppel: pairs people who would like a maatje or a werkervaringsplaats with volunteers and placements."""
    from config.logs import configure

    configure(verbose)


@cli.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--demo", is_flag=True, help="Create the demo organisation and data first (once).")
def serve(host: str, port: int, demo: bool) -> None:
    """Web + worker (+ embedded Redis when REDIS_URL is unset) in one command; Ctrl-C stops all."""
    import os

    from cli.serve import busy_port_message, port_is_free, run_all
    from matching.bootstrap import migrate

    if not port_is_free(host, port):  # before any work: the operator learns at once
        raise click.ClickException(busy_port_message(port))
    os.environ.setdefault("KOPPEL_PUBLIC_URL", f"http://{host}:{port}")  # private links follow the port
    settings = _settings()
    migrate(settings)

    def banner() -> list[str]:
        """The demo's year is lived while the web server starts (it answers nobody before the banner)."""
        login = _ensure_demo(settings) if demo else []
        return _form_addresses(settings) + login

    run_all(settings, host, port, prepare=banner)


@cli.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--workers", default=2, type=int, help="gunicorn worker processes")
@click.option("--threads", default=4, type=int, help="threads per worker process")
def web(host: str, port: int, workers: int, threads: int) -> None:
    """The web app alone (gunicorn)."""
    from cli.gunicorn_app import serve as gunicorn_serve

    gunicorn_serve(host, port, workers=workers, threads=threads)


@cli.command()
@click.option("--processes", default=1, type=int)
@click.option("--threads", default=4, type=int)
@click.option("--nice", default=10, type=click.IntRange(0, 19),
              help="CPU priority below the web server's (0: the same); see workers.main.run")
def worker(processes: int, threads: int, nice: int) -> None:
    """Background workers: score requests, refresh suggestions, send messages, sweep the outbox."""
    if processes > 1:
        from cli.processes import run_copies

        run_copies([sys.executable, "-m", "cli.main", "worker", "--processes", "1", "--threads", str(threads),
                    "--nice", str(nice)], processes)
        return
    from workers.main import run

    run(threads, nice)


@cli.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema."""
    from matching.bootstrap import migrate

    migrate(_settings())
    click.echo("database is up to date")


@cli.group()
def org() -> None:
    """Organisations."""


@org.command("create")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--phone", default=None, help="Shown on every public page, private link and message.")
@click.option("--email", default=None, help="The organisation's general email address (not a person's).")
@click.option("--address", default=None, help="Visiting address, e.g. 'Buurtpunt Oost, Dorpsstraat 1, Utrecht'.")
@click.option("--hours", "opening_hours", default=None, help="When someone answers, e.g. 'ma-vr 9-17 uur'.")
def org_create(slug: str, name: str, phone: str | None, email: str | None, address: str | None,
               opening_hours: str | None) -> None:
    """Create an organisation with how people reach a human there."""
    contact = {"phone": phone, "email": email, "address": address, "opening_hours": opening_hours}
    _run(lambda bus: bus.handle(commands.CreateOrganization(slug, name, contact)), f"organisation {slug} created")


def _add_network_commands() -> None:
    from cli.network import network

    cli.add_command(network)


_add_network_commands()


@cli.group()
def user() -> None:
    """Coordinators and admins."""


@user.command("create")
@click.argument("email")
@click.option("--org", "org_slug", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), default=Role.COORDINATOR.value)
def user_create(email: str, org_slug: str, role: str) -> None:
    """Create a user; the password is read from stdin (at least 12 characters)."""
    password = (click.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True) if sys.stdin.isatty()
                else sys.stdin.readline().rstrip("\n"))
    _run(lambda bus: bus.handle(commands.CreateUser(org_slug, email, password, role)), f"user {email} created")


@user.command("reset")
@click.argument("email")
def user_reset(email: str) -> None:
    """A lost password or phone: a new password from stdin, two-factor login off (admins set it up
    again at their next login), every session ended."""
    password = (click.prompt("Nieuw wachtwoord", hide_input=True, confirmation_prompt=True) if sys.stdin.isatty()
                else sys.stdin.readline().rstrip("\n"))
    _run(lambda bus: bus.handle(commands.ResetAccount(email, password)), f"user {email} reset")


@cli.command()
@click.option("--org", "org_slug", default="demo")
@click.option("--requests", "n_requests", default=60, type=int)
@click.option("--volunteers", "n_volunteers", default=45, type=int)
@click.option("--placements", "n_placements", default=7, type=int)
@click.option("--seed", default=1, type=int)
def demo(org_slug: str, n_requests: int, n_volunteers: int, n_placements: int, seed: int) -> None:
    """Load realistic synthetic Dutch demo data into an organisation (created when missing)."""
    from cli.demo import load_people
    from matching.services.queries import organization_pages

    bus = _bus()
    org_id = organization_pages.id_of(bus, org_slug) or bus.handle(
        commands.CreateOrganization(org_slug, org_slug.capitalize()))
    load_people(bus, org_slug, org_id, n_requests, n_volunteers, n_placements, seed)
    bus.close()
    click.echo(f"demo data loaded into {org_slug}: {n_requests} requests, {n_volunteers} volunteers, "
               f"{n_placements} placements")


@cli.group()
def match() -> None:
    """Matching."""


@match.command("run")
@click.option("--org", "org_slug", default="demo")
def match_run(org_slug: str) -> None:
    """One batch proposal run over the whole waiting list, synchronously."""
    def run(bus):
        return bus.handle(commands.RunBatchProposals(_org_id(bus, org_slug)))
    _run(run, None, lambda n: f"{n} proposal(s) made for {org_slug}")


@cli.command("import")
@click.argument("kind", type=click.Choice([kind.value for kind in ImportKind]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--org", "org_slug", required=True)
@click.option("--dry-run", is_flag=True, help="Show the report, store nothing.")
def import_(kind: str, file: str, org_slug: str, dry_run: bool) -> None:
    """Import volunteers, the waiting list or running matches from CSV or XLSX; a report per row."""
    from pathlib import Path

    from matching.services.importing import service
    from matching.services.importing.reader import UnreadableFile

    bus = _bus()
    try:
        mapping, outcomes = service.import_file(bus, _org_id(bus, org_slug), kind, file, Path(file).read_bytes(),
                                                dry_run=dry_run)
    except UnreadableFile as error:
        raise click.ClickException(str(error)) from None
    except DomainError as error:
        raise click.ClickException(str(error)) from None
    finally:
        bus.close()
    used = {header: field for header, field in mapping.items() if field}
    click.echo("kolommen: " + ", ".join(f"{h} -> {f}" for h, f in used.items()))
    for outcome in outcomes:
        click.echo(service.line(outcome))
    click.echo(("proefimport, niets opgeslagen: " if dry_run else "klaar: ") + service.summary(outcomes))


@cli.command("export")
@click.option("--org", "org_slug", required=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="A file; standard output if left out.")
def export(org_slug: str, output: str | None) -> None:
    """Everything of one organisation as JSON, table by table (no password hashes or other secrets).
    It holds personal data: keep the file as safe as the database."""
    import json
    import os

    from matching.services import exports

    bus = _bus(publish=False)
    try:
        body = json.dumps(exports.organization_export(bus, org_slug), default=str, ensure_ascii=False, indent=1)
    except DomainError as error:
        raise click.ClickException(str(error)) from None
    finally:
        bus.close()
    if not output:
        click.echo(body)
        return
    descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # readable by the owner only
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
    click.echo(f"{org_slug} exported to {output}", err=True)


@cli.group()
def retention() -> None:
    """The retention period (KOPPEL_RETENTION_MONTHS)."""


@retention.command("run")
@click.option("--now", default=None, help="ISO date-time to act as now (catching up, tests).")
def retention_run(now: str | None) -> None:
    """Erase everyone whose retention period ran out, now (the workers also do this every hour)."""
    def run(bus):
        total = 0
        while True:  # in batches, until nobody is left
            erased = bus.handle(commands.ApplyRetention(now))
            total += erased
            if erased == 0:
                return total
    _run(run, None, lambda n: f"{n} person(s) erased after the retention period")


@cli.command()
@click.option("--now", default=None, help="ISO date-time to act as now (catching up, tests); default: the clock.")
def tick(now: str | None) -> None:
    """Run every time-driven job once, as if it were NOW: reminders, pulses, health, retention."""
    from matching.services.ticks import jobs_at, parse

    try:
        moment_ = parse(now) if now else None
    except ValueError:
        raise click.ClickException(f"--now: not an ISO date-time: {now}") from None

    def run(bus):
        done = {}
        for name, command in jobs_at(moment_):
            done[name] = count = bus.handle(command)
            while name == "retention" and count:  # in batches, until nobody is left
                count = bus.handle(command)
                done[name] += count
        return done
    _run(run, None, lambda done: ", ".join(f"{name}: {n}" for name, n in done.items()))


def _run(action, message: str | None, describe=None) -> None:
    bus = _bus()
    try:
        result = action(bus)
    except DomainError as error:
        field = f"{error.field}: " if getattr(error, "field", None) else ""
        raise click.ClickException(f"{field}{error}") from None
    finally:
        bus.close()
    click.echo(describe(result) if describe else message)


DEMO_CONTACT = {"phone": "030 123 45 67", "email": "info@demo.koppel.local",
                "address": "Buurtpunt De Linde, Lindenlaan 1, Utrecht", "opening_hours": "ma t/m vr, 9.00-17.00 uur"}


def _form_addresses(settings) -> list[str]:
    """The public forms of each organisation, for the start-up banner."""
    from matching.services.queries import organization_pages

    bus = _bus(settings, publish=False)
    try:
        organizations = organization_pages.every_public_face(bus)
    finally:
        bus.close()
    lines = ["Formulieren / forms:"] if organizations else ["Nog geen organisatie: koppel org create SLUG --name NAAM"]
    for org in organizations:
        lines += [f"  {org['name']}: {{address}}/{org['slug']}/maatje  ·  /werkervaringsplaats  ·  /vrijwilliger"]
    return lines + ["Werkplek voor coördinatoren / coordinators: {address}/login"]


def _ensure_demo(settings) -> list[str]:
    """Create the demo organisation, its coordinator and a year of its life the first time; the login
    for the banner."""
    from cli.demo import load_year
    from matching.services.queries import organization_pages

    login_file = settings.instance_path / "demo_login.txt"
    bus = _bus(settings, publish=False)
    exists = organization_pages.id_of(bus, "demo") is not None
    bus.close()
    if not exists:
        password = secrets.token_urlsafe(12)
        load_year(settings, {"slug": "demo", "name": "Vriendendienst Demo", "contact": DEMO_CONTACT},
                  ("coordinator@demo.koppel.local", password), seed=1)
        login_file.write_text(f"coordinator@demo.koppel.local\n{password}\n")
        login_file.chmod(0o600)
    email, password = login_file.read_text().split()[:2] if login_file.exists() else ("?", "?")
    return [f"Demo-coördinator: {email} / wachtwoord: {password}"]


def main() -> None:
    cli(prog_name="koppel")


if __name__ == "__main__":
    main()
