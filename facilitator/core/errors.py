"""Domain exceptions. Each carries a message fit to show the person who caused it, written
with gettext when raised, so it is in that person's language (the request's locale)."""


class DomainError(Exception):
    """Base class: `message` is shown to the user as it is."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Input that breaks a rule (too long, empty, unknown side)."""


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class ActivityClosed(DomainError):
    """A submission to an activity that is not open."""

    status = 409


class SessionNotLive(DomainError):
    status = 409


class RateLimited(DomainError):
    """Too many submissions from one participant in a short time."""

    status = 429
