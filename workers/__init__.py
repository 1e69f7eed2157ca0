"""Background workers: Dramatiq actors that hand outbox events to the service layer, and periodic jobs."""
