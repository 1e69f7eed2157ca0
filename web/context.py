"""What views need from the app: the message bus and the logged-in coordinator's organisation."""
from __future__ import annotations

from flask import current_app
from flask_login import current_user

from matching.services.messagebus import MessageBus


def bus() -> MessageBus:
    return current_app.extensions["koppel.bus"]


def org_id() -> str:
    return current_user.organization_id


def user_id() -> str:
    return current_user.id
