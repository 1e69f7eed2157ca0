"""The Flask app factory: `create_app(settings)` wires the bus, login and blueprints."""
from __future__ import annotations

import logging

from flask import Flask

from config import Settings, from_env


def create_app(settings: Settings | None = None, bus=None) -> Flask:
    """Build the web app; `bus` may be given (tests), otherwise the composition root builds it from settings."""
    from matching import bootstrap
    from web import auth, errors, formatting, handover, health, i18n, security
    from web.api import (activities as activity_api, coordinator, evaluations as evaluation_api, guard, match_support,
                         network as network_api, notes, person_record as person_api, public, pulse as pulse_api, session)
    from web.pages import (account, activities as activity_pages, calls, evaluation as evaluation_pages, figures, home,
                           imports, login, match_views, network, organization_settings, own, own_roles,
                           person as person_pages, public as public_pages, pulse as pulse_page, referral, short_link,
                           workspace)

    settings = settings or from_env()
    app = Flask(__name__, instance_path=str(settings.instance_path))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        # over HTTPS the __Host- prefix makes browsers refuse the cookie unless Secure, Path=/ and no Domain
        SESSION_COOKIE_NAME="__Host-koppel" if settings.is_production else "koppel",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        REMEMBER_COOKIE_SECURE=settings.is_production,
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=12 * 1024 * 1024,  # a spreadsheet upload; everything else is far smaller
        API_TITLE="Koppel API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
    )
    redis_url = bootstrap.redis_url(settings)  # the broker's Redis also keeps the rate limits
    if bus is None:
        bus = bootstrap.connected_bus(settings)
    app.extensions["koppel.settings"] = settings
    app.extensions["koppel.bus"] = bus

    security.init_app(app, redis_url, settings.is_production, settings.proxies)
    handover.init_app(app, redis_url)
    i18n.init_app(app, settings.instance_path)
    formatting.init_app(app)
    auth.init_app(app)
    api = errors.KoppelApi(app)
    for blueprint in (public.blp, session.blp, coordinator.blp, notes.blp, pulse_api.blp, match_support.blp,
                      network_api.public, network_api.blp,
                      activity_api.blp, activity_api.public, evaluation_api.blp, person_api.blp):
        api.register_blueprint(blueprint)
        security.csrf.exempt(blueprint)  # JSON only, same-origin only: web/api/guard.py
    for blueprint in (health.blp, home.blp, public_pages.blp, own.blp, login.blp, workspace.blp, calls.blp,
                      short_link.blp, imports.blp, account.blp, organization_settings.blp, match_views.blp, pulse_page.blp,
                      referral.blp, network.blp, figures.blp,
                      activity_pages.work, activity_pages.public, evaluation_pages.blp, own_roles.blp, person_pages.blp):
        app.register_blueprint(blueprint)
    errors.register(app)
    guard.init_app(app)
    logging.getLogger(__name__).debug("app created for %s", settings.env)
    return app
