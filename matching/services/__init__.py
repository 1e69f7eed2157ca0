"""The service layer: one handler per command and per event, shared by the web app and the workers."""
