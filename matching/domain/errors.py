"""Domain errors: the web layer maps them to 404, 409 and 422 in one place."""


class DomainError(Exception):
    """Base of every rule the domain refuses to break."""


class NotFound(DomainError):
    """No such thing, or not in the caller's organisation (never revealed which)."""


class Conflict(DomainError):
    """The state or capacity does not allow this now (HTTP 409)."""


class Invalid(DomainError):
    """A field's value breaks a domain rule; `field` names it (HTTP 422)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class InvalidFields(Invalid):
    """Several fields break the rules at once; `errors` names each with its messages (HTTP 422)."""

    def __init__(self, errors: dict[str, list[str]]):
        field, messages = next(iter(errors.items()))
        super().__init__(field, messages[0])
        self.errors = errors
