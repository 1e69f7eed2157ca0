"""The JSON API v1 (CONTRACT section 5): routing only; the service layer does the work."""
