"""Dutch first, English on request (Flask-Babel): ?lang=en switches and is remembered in the session."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request, session
from flask_babel import Babel, get_locale

LANGUAGES = ("nl", "en")
SOURCE = Path(__file__).with_name("translations")


WORKSPACE = ("/werkplek", "/login")  # the coordinator's workspace and login are Dutch only, without the switch (issue 13)


def select_locale() -> str:
    """Dutch unless the visitor chose English with the switch: many Dutch phones are set to English.
    The workspace is Dutch only (its pages have no switch), whatever the visitor chose elsewhere."""
    if request.path.startswith(WORKSPACE):
        return "nl"
    wanted = request.args.get("lang")
    if wanted in LANGUAGES:
        session["lang"] = wanted
    return session.get("lang") or "nl"


def current_lang() -> str:
    return str(get_locale() or "nl")


def compile_catalogs(target: Path) -> Path:
    """Compile the .po files into the instance folder (no binaries in git); atomic, so workers may race."""
    for po in SOURCE.glob("*/LC_MESSAGES/messages.po"):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle)
        # one name per process: forked web workers hold the same objects at the same addresses
        partial = mo.with_suffix(f".{os.getpid()}.{secrets.token_hex(4)}.tmp")
        with partial.open("wb") as handle:
            write_mo(handle, catalog)
        partial.replace(mo)
    return target


def init_app(app: Flask, instance_path: Path) -> None:
    app.config["BABEL_DEFAULT_LOCALE"] = "nl"
    app.config["BABEL_DEFAULT_TIMEZONE"] = "Europe/Amsterdam"  # times as the people of Koppel read them
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(compile_catalogs(Path(instance_path) / "translations"))
    Babel(app, locale_selector=select_locale)
    app.context_processor(lambda: {"current_lang": current_lang()})
