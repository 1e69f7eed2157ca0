"""Sending mail through SMTP (MAIL_URL = smtp://user:pass@host:port, smtps:// for TLS)."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlparse


class SmtpMail:
    """The service layer's `Mail` port on one SMTP server."""

    def __init__(self, mail_url: str, mail_from: str):
        self.url, self.mail_from = urlparse(mail_url), mail_from

    def send(self, to_address: str | None, subject: str, body: str) -> None:
        """Send one message; raise on failure so the worker retries it later."""
        if not to_address:
            return
        url = self.url
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.mail_from, to_address, subject
        message.set_content(body)
        smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
        with smtp_class(url.hostname, url.port or (465 if url.scheme == "smtps" else 25), timeout=10) as smtp:
            if url.username:
                smtp.login(unquote(url.username), unquote(url.password or ""))
            smtp.send_message(message)
