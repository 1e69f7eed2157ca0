"""The WSGI entry point for gunicorn (`web.wsgi:app`): builds the app from the environment, with
Koppel's logging (the Procfile's gunicorn does not pass through the `koppel` command)."""
from config.logs import configure
from web import create_app

configure()
app = create_app()
