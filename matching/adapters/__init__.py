"""Adapters: the database, the broker, mail and the embedded Redis. Nothing else touches a Session."""
