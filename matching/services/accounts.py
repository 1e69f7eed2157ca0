"""Coordinator accounts: logging in (password, then the app's code), creating accounts, passwords and
the second login step. Passwords and codes are checked here, through the ports, never at the edges;
each change is audited by ids only, and changing a password or the second step ends every session."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.organization import Role, User
from matching.services.ports import Dependencies, UnitOfWork

MIN_PASSWORD = 12
LoginStep = Literal["done", "code", "setup"]


@dataclass(frozen=True)
class Account:
    """What the web may know of an account: ids, role and email, never a password hash or a secret."""

    id: str
    organization_id: str
    role: str
    session_version: int
    email: str
    two_factor: bool

    @property
    def next_step(self) -> LoginStep:
        """After the right password: logged in ("done"), type the app's code ("code"), or, for an admin
        without two-factor login, set it up first ("setup"): admins always log in with two steps."""
        if self.two_factor:
            return "code"
        return "setup" if self.role == Role.ADMIN else "done"


def _account(user: User) -> Account:
    return Account(user.id, user.organization_id, user.role, user.session_version, user.email, user.two_factor)


def account(bus: Any, user_id: str) -> Account | None:
    """The active account with this id; None when unknown or switched off (its sessions end)."""
    with bus.uow() as uow:
        try:
            found = uow.users.get(user_id)
        except NotFound:
            return None
        return _account(found) if found.active else None


def authenticate(bus: Any, email: str, password: str) -> Account | None:
    """The account when the password is right. One hash is verified whether or not the account exists,
    so the time taken does not tell which addresses have one."""
    with bus.uow() as uow:
        user = uow.users.by_email(email)
    hasher = bus.deps.passwords
    valid = hasher.verify(user.password_hash if user else hasher.dummy_hash(), password)
    return _account(user) if (user is not None and user.active and valid) else None


class LoginRefused(Exception):
    """Why a login did not go through. `reason`: "password" (wrong pair, never which part), "setup" (an
    admin sets up two-factor login in the browser first), "code_needed" or "code" (wrong or replayed)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason, self.message = reason, message


def log_in(bus: Any, email: str, password: str, code: str | None = None) -> Account:
    """The login in one call (the API): the password, and the app's code where two-factor login is on."""
    found = authenticate(bus, email, password)
    if found is None:
        raise LoginRefused("password", "Wrong email or password.")
    if found.next_step == "setup":
        raise LoginRefused("setup", "Admins log in with two factors: set it up by logging in at /login first.")
    if found.next_step == "code":
        if not code:
            raise LoginRefused("code_needed", "This account needs the 6-digit code from the authenticator app.")
        try:
            bus.handle(commands.CheckLoginCode(found.id, code))
        except Invalid as wrong:
            raise LoginRefused("code", wrong.message) from None
    return found


def second_step(bus: Any, user_id: str, code: str, new_secret: str | None = None) -> Account | None:
    """The browser's second login step: the app's code, or for an admin setting it up, the code that
    proves the app holds `new_secret`. Invalid("code") when the code is wrong or used before."""
    step = commands.EnableTwoFactor(user_id, new_secret, code) if new_secret else commands.CheckLoginCode(user_id, code)
    bus.handle(step)
    return account(bus, user_id)


def new_two_factor_secret(bus: Any) -> str:
    """A fresh secret for the authenticator app; kept on the account only once a code proves the app has it."""
    return bus.deps.totp.new_secret()


def two_factor_setup(bus: Any, secret: str, email: str) -> dict[str, str]:
    """What a page shows to add Koppel to the app: the key to type and a QR code to scan."""
    return bus.deps.totp.setup(secret, email)


def _checked_new_password(password: str, email: str, deps: Dependencies) -> str:
    if len(password) < MIN_PASSWORD:
        raise Invalid("new_password", f"use at least {MIN_PASSWORD} characters")
    if len(password) > 256:
        raise Invalid("new_password", "use at most 256 characters")
    if password.strip().lower() in {email.lower(), email.split("@")[0].lower()}:
        raise Invalid("new_password", "do not use your email address as password")
    return deps.passwords.hash(password)


def _user(uow: UnitOfWork, user_id: str) -> User:
    return uow.users.get(user_id, lock=True)


def _require_password(user: User, password: str, field: str, deps: Dependencies) -> None:
    """Changes to the login itself are confirmed with the current password."""
    if not deps.passwords.verify(user.password_hash, password):
        raise Invalid(field, "this is not your current password")


def _audit(uow: UnitOfWork, deps: Dependencies, user: User, action: str, by_operator: bool = False) -> None:
    """An account event in the audit log, ids only: done by the account itself, or by the operator."""
    uow.audit.record(user.organization_id, None if by_operator else user.id, f"account.{action}", "user", user.id,
                     deps.clock.now())


def create_user(cmd: commands.CreateUser, uow: UnitOfWork, deps: Dependencies) -> str:
    """The operator creates a coordinator or admin (CLI); the password is hashed through the port."""
    with uow:
        org = uow.organizations.by_slug(cmd.organization_slug)
        if uow.users.by_email(cmd.email):
            raise Conflict("a user with this email exists")
        if len(cmd.password) < MIN_PASSWORD:
            raise Invalid("password", f"use at least {MIN_PASSWORD} characters")
        user = User(org.id, cmd.email, deps.passwords.hash(cmd.password), cmd.role)
        uow.users.add(user)
        uow.commit()
        return user.id


def change_password(cmd: commands.ChangePassword, uow: UnitOfWork, deps: Dependencies) -> int:
    """Returns the new session version, so the browser that changed it can stay logged in."""
    with uow:
        user = _user(uow, cmd.user_id)
        _require_password(user, cmd.current_password, "current_password", deps)
        user.change_password(_checked_new_password(cmd.new_password, user.email, deps))
        _audit(uow, deps, user, "password")
        uow.commit()
        return user.session_version


def reset_account(cmd: commands.ResetAccount, uow: UnitOfWork, deps: Dependencies) -> None:
    """The operator's way back in: a new password, two-factor login off, every session ended."""
    with uow:
        user = uow.users.by_email(cmd.email)
        if user is None:
            raise Invalid("email", "no account with this email")
        user.reset(_checked_new_password(cmd.password, user.email, deps))
        _audit(uow, deps, user, "reset", by_operator=True)
        uow.commit()


def end_sessions(cmd: commands.EndSessions, uow: UnitOfWork, deps: Dependencies) -> None:
    """Log out everywhere: every session of the account stops working."""
    with uow:
        user = _user(uow, cmd.user_id)
        user.end_sessions()
        _audit(uow, deps, user, "logout")
        uow.commit()


def _step(secret: str, code: str, deps: Dependencies) -> int:
    step = deps.totp.matching_step(secret, code, deps.clock.now().timestamp())
    if step is None:
        raise Invalid("code", "this code is not right; type the 6 digits your app shows now")
    return step


def enable_two_factor(cmd: commands.EnableTwoFactor, uow: UnitOfWork, deps: Dependencies) -> int:
    """The secret is kept only once a code from it proves the app has it."""
    with uow:
        user = _user(uow, cmd.user_id)
        user.enable_two_factor(cmd.secret, _step(cmd.secret, cmd.code, deps))
        _audit(uow, deps, user, "two_factor_on")
        uow.commit()
        return user.session_version


def disable_two_factor(cmd: commands.DisableTwoFactor, uow: UnitOfWork, deps: Dependencies) -> int:
    """Two-factor login off, confirmed with the password (never for an admin)."""
    with uow:
        user = _user(uow, cmd.user_id)
        _require_password(user, cmd.password, "password", deps)
        user.disable_two_factor()
        _audit(uow, deps, user, "two_factor_off")
        uow.commit()
        return user.session_version


def check_login_code(cmd: commands.CheckLoginCode, uow: UnitOfWork, deps: Dependencies) -> None:
    """The second login step; each code is accepted once (a replayed one is refused)."""
    with uow:
        user = _user(uow, cmd.user_id)
        if not user.two_factor:
            raise Invalid("code", "two-factor login is not set up")
        user.use_code_step(_step(user.totp_secret, cmd.code, deps))
        _audit(uow, deps, user, "login")
        uow.commit()

