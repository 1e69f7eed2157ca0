"""One place that turns errors into JSON: 404 for missing or not yours, 409 conflicts, 422 fields."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from flask_smorest import Api
from sqlalchemy.exc import OperationalError, InterfaceError
from werkzeug.exceptions import HTTPException

from matching.domain.errors import Conflict, Invalid, NotFound
from matching.schemas import flatten_errors

log = logging.getLogger(__name__)


flatten = flatten_errors  # one implementation, in matching.schemas


class KoppelApi(Api):
    """flask-smorest's Api with the contract's error body: {"errors": {"<field>": [...]}}."""

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        if "messages" in data:
            errors = {}
            for location_messages in data["messages"].values():
                errors.update(flatten(location_messages))
        elif "errors" in data:
            errors = data["errors"]
        else:
            errors = {"_schema": [data.get("message") or error.description or error.name]}
        response = jsonify({"errors": errors})
        response.status_code = error.code or 500
        for name, value in (data.get("headers") or {}).items():
            response.headers[name] = value
        return response


def _wants_html() -> bool:
    return not request.path.startswith("/api/")


def register(app: Flask) -> None:
    @app.errorhandler(NotFound)
    @app.errorhandler(404)
    def not_found(error):
        if _wants_html():
            return render_template("not_found.html"), 404
        return jsonify({"errors": {"_schema": ["Not found."]}}), 404

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_template("error.html", title=_("Probeer het nog een keer"),
                               message=_("Het formulier was verlopen of kwam niet van deze website. Ga terug, "
                                         "laad de pagina opnieuw en verstuur het nog een keer.")), 400

    @app.errorhandler(Conflict)
    def conflict(error):
        return jsonify({"errors": {"_schema": [str(error)]}}), 409

    @app.errorhandler(Invalid)
    def invalid(error):
        return jsonify({"errors": getattr(error, "errors", None) or {error.field: [error.message]}}), 422

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_down(error):
        log.error("database unavailable: %s", type(error.orig).__name__ if error.orig else type(error).__name__)
        if _wants_html():
            return render_template("error.html", title=_("Even niet bereikbaar"),
                                   message=_("Er gaat nu iets mis aan onze kant. Probeer het over een paar "
                                             "minuten opnieuw.")), 503
        return jsonify({"errors": {"_schema": ["Service temporarily unavailable, please try again."]}}), 503
