"""The pure domain: aggregates that keep their rules and record what happened."""
