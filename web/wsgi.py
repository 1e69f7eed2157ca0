"""The WSGI entry point for gunicorn (`web.wsgi:app`): builds the app from the environment."""
from web import create_app

app = create_app()
