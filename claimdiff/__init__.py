"""claimdiff: cross-source claim-consistency checker for news corpora."""

from claimdiff.base.version import __version__

__all__ = ["__version__"]
