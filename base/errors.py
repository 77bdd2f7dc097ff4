"""Errors that the CLI turns into one-line messages and exit code 2."""


class ClaimdiffError(Exception):
    """A user-facing error: bad input, bad configuration or bad usage."""


class InputError(ClaimdiffError):
    """A corpus path or file that cannot be read at all."""


class ConfigError(ClaimdiffError):
    """A configuration file or option that is not valid."""
