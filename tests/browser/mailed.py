"""Fixtures for browser tests whose people follow the links they are mailed: a real SMTP inbox and the
shared bus (web app and worker threads) sending to it. A test module takes them with
`from tests.browser.mailed import bus, inbox, shots_folder`; other browser tests keep the plain bus."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.servers import Inbox, free_port


@pytest.fixture
def inbox():
    mailbox, port = Inbox(), free_port()
    server = Controller(mailbox, hostname="127.0.0.1", port=port)
    server.start()
    mailbox.url = f"smtp://127.0.0.1:{port}"
    yield mailbox
    server.stop()


@pytest.fixture
def bus(settings, session_factory, broker, inbox):
    """The shared bus (web app and worker threads), with a mail server so the links reach a mailbox."""
    from matching import bootstrap

    made = bootstrap.bootstrap(settings.with_(mail_url=inbox.url), publish=bootstrap.publisher(broker),
                               session_factory=session_factory)
    yield made
    made.close()


def shots_folder(tmp_path) -> Path:
    """Where screenshots go: $KOPPEL_SCREENSHOTS when set, else the test's own temporary folder."""
    folder = Path(os.environ.get("KOPPEL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
