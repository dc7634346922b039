"""Errors that users see as a one-line message (and a non-zero exit), never as a traceback."""


class FrontwatchError(Exception):
    """Base class: the message is shown to the user as it is."""


class InputError(FrontwatchError):
    """An input could not be read or processed; names the input and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SetupError(FrontwatchError):
    """Something the pipeline needs (gazetteer, model, data) is missing or corrupt."""
