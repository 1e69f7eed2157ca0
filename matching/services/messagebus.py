"""MessageBus: runs a command's handler in a unit of work, then relays the new events to the broker.

Commands come from the web app and the CLI; events come back from the broker to the workers,
which call `handle_event`. Handler errors propagate (Dramatiq retries; the web maps them to HTTP).
"""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Callable, Iterable

from matching.domain.commands import Command
from matching.services.ports import Dependencies, UnitOfWork
from matching.services.published_marks import PublishedMarks

log = logging.getLogger(__name__)
Publish = Callable[[Iterable[str | dict]], list[str]]
CommandHandler = Callable[[Any, UnitOfWork, Dependencies], Any]
EventHandler = Callable[[dict, UnitOfWork, Dependencies], None]


class MessageBus:
    def __init__(self, uow_factory: Callable[[], UnitOfWork], command_handlers: dict[type, CommandHandler],
                 event_handlers: dict[str, list[EventHandler]], publish: Publish | None, deps: Dependencies,
                 on_close: Callable[[], None] | None = None):
        self.uow_factory = uow_factory
        self.on_close = on_close
        self.command_handlers = command_handlers
        self.event_handlers = event_handlers
        self.publish = publish
        self.deps = deps
        self.marks = PublishedMarks(uow_factory, deps.clock)

    def uow(self) -> UnitOfWork:
        return self.uow_factory()

    def close(self) -> None:
        """Mark what was published, then release the database connections."""
        self.marks.close()
        if self.on_close:
            self.on_close()

    def handle(self, command: Command) -> Any:
        """Run the command in one transaction; after commit, hand its events to the broker."""
        uow = self.uow()
        result = self.command_handlers[type(command)](command, uow, self.deps)
        self.relay(uow.new_events)
        return result

    def handle_event(self, event_id: str, event: dict | None = None) -> None:
        """Run every handler of an event once (a handler claims the event id in its own transaction).
        `event` (name, organization_id, payload) comes with the message; without it the outbox has it."""
        if event is not None:
            row = {"id": event_id, **event}
        else:
            with self.uow() as uow:
                row = uow.events.get(event_id)
        if row is None:
            log.info("event %s unknown, skipped", event_id)
            return
        for handler in self.event_handlers.get(row["name"], ()):
            uow = self.uow()
            handler(row, uow, self.deps)
            self.relay(uow.new_events)

    def relay(self, events: list[str] | list[dict]) -> int:
        """Publish events after their commit; those the broker took are marked published in the next
        batch (PublishedMarks), the sweep republishes the rest."""
        if not events or self.publish is None:
            return 0
        sent = self.publish(events)
        if sent:
            self.marks.add(sent)
        return len(sent)

    def sweep(self, older_than: timedelta = timedelta(seconds=1)) -> int:
        """Republish events still unpublished (the broker was down); return how many went out."""
        self.marks.flush()
        with self.uow() as uow:
            ids = uow.events.unpublished(self.deps.clock.now(), older_than)
        return self.relay(ids)
