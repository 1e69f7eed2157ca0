"""The composition root: wires settings, database, broker and handlers into one MessageBus."""
from __future__ import annotations

from functools import partial

from matching.adapters.database import make_engine, make_session_factory
from matching.adapters.unit_of_work import SqlAlchemyUnitOfWork
from matching.services.handlers import HANDLERS
from matching.services.messagebus import MessageBus, Publish
from matching.services.reactions import EVENT_HANDLERS


def bootstrap(settings, publish: Publish | None = None, session_factory=None) -> MessageBus:
    """Build the bus. `publish` hands event ids to the broker (None: leave them for the sweep)."""
    on_close = None
    if session_factory is None:
        engine = make_engine(settings.database_url)
        session_factory, on_close = make_session_factory(engine), engine.dispose
    return MessageBus(partial(SqlAlchemyUnitOfWork, session_factory), HANDLERS, EVENT_HANDLERS, publish, settings,
                      on_close)
