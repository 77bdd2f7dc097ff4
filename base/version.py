"""claimdiff's version, in base so that any stage may name it (a fetch's User-Agent) without
importing the app."""

__version__ = "0.1.0"
