"""The composition root: the one place that builds Koppel's parts from `Settings`.

The web app (`create_app`), the workers (`workers.runtime`), the CLI and the test fixtures wire
themselves only through these functions, so each gets the same engine, broker, embedded Redis and
message bus. Nothing here runs at import: every part is built when a function is called.
"""
from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Callable

from dramatiq.brokers.redis import RedisBroker
from sqlalchemy.orm import Session, sessionmaker

from config import Settings
from matching.adapters import embedded_redis
from matching.adapters import seal  # sealing, also for the web's thank-you handover
from matching.adapters.broker import EVENT_ACTOR, QUEUE, EventPublisher, make_broker
from matching.adapters.clock import SystemClock
from matching.adapters.database import make_engine, make_session_factory
from matching.adapters.certificate_pdf import PdfCertificates
from matching.adapters.letter_pdf import PdfLetters
from matching.adapters.mail import SmtpMail
from matching.adapters.migrate import upgrade
from matching.adapters.passwords import Argon2Passwords
from matching.adapters.sms import from_url as sms_sender
from matching.adapters.totp import PyotpTotp
from matching.adapters.unit_of_work import SqlAlchemyUnitOfWork
from matching.services.handlers import HANDLERS
from matching.services.messagebus import MessageBus, Publish
from matching.services.ports import Clock, Dependencies, Mail
from matching.services.event_handlers import EVENT_HANDLERS

__all__ = ["EVENT_ACTOR", "QUEUE", "bootstrap", "broker", "connected_bus", "database", "dependencies", "migrate",
           "publisher", "redis_url", "seal", "stop_embedded_redis"]


def database(settings: Settings) -> tuple[sessionmaker[Session], Callable[[], None]]:
    """Sessions on a new engine, and the call that closes that engine's connections."""
    engine = make_engine(settings.database_url)
    return make_session_factory(engine), engine.dispose


def migrate(settings: Settings) -> None:
    """Bring the database to the newest schema (`koppel db upgrade`, `koppel serve`, the tests)."""
    upgrade(settings.database_url)


def redis_url(settings: Settings, start_embedded: bool = True) -> str | None:
    """REDIS_URL, else the embedded Redis in the instance folder, started once per process. With
    `start_embedded` false there is no embedded one: None (a one-off CLI command starts no server)."""
    if settings.redis_url or not start_embedded:
        return settings.redis_url
    return embedded_redis.start(settings.instance_path)


def stop_embedded_redis() -> None:
    """Stop the embedded Redis this process started (`koppel serve` on Ctrl-C, the end of a test run)."""
    embedded_redis.stop_all()


def broker(url: str) -> RedisBroker:
    """A Dramatiq broker on that Redis; a worker sets it as the global broker before declaring actors."""
    return make_broker(url)


def publisher(on: RedisBroker) -> EventPublisher:
    """What hands committed outbox events to the workers through `on`."""
    return EventPublisher(on)


def dependencies(settings: Settings) -> Dependencies:
    """The clock, mail, SMS, password hasher, one-time codes, link sealing and letter printing the
    handlers use; no mail server without MAIL_URL (messages are stored for the coordinator instead),
    no SMS without SMS_URL (messages to people without email wait on the call list)."""
    return Dependencies(
        clock=SystemClock(), passwords=Argon2Passwords(), totp=PyotpTotp(),
        links=seal.LinkSeal(settings.secret_key),
        mail=SmtpMail(settings.mail_url, settings.mail_from) if settings.mail_url else None,
        public_url=settings.public_url, suggestions_per_request=settings.suggestions_per_request,
        retention_months=settings.retention_months,
        sms=sms_sender(settings.sms_url) if settings.sms_url else None, letters=PdfLetters(),
        certificates=PdfCertificates())


def bootstrap(settings: Settings, publish: Publish | None = None, session_factory=None,
              clock: Clock | None = None, mail: Mail | None = None) -> MessageBus:
    """Build the bus. `publish` hands event ids to the broker (None: leave them for the sweep);
    `session_factory` shares an engine (tests), otherwise the bus gets one of its own. `clock` and
    `mail` replace the system clock and the mail server (the demo lives its year on a moving clock
    and keeps its mail)."""
    on_close = None
    if session_factory is None:
        session_factory, on_close = database(settings)
    deps = dependencies(settings)
    deps = replace(deps, clock=clock or deps.clock, mail=mail or deps.mail)
    return MessageBus(partial(SqlAlchemyUnitOfWork, session_factory), HANDLERS, EVENT_HANDLERS, publish, deps,
                      on_close)


def connected_bus(settings: Settings, start_embedded: bool = True, session_factory=None) -> MessageBus:
    """The bus that publishes to the broker (REDIS_URL's, or the embedded one when `start_embedded`);
    without a broker its events wait in the outbox for a worker's sweep."""
    url = redis_url(settings, start_embedded)
    return bootstrap(settings, publisher(broker(url)) if url else None, session_factory)
