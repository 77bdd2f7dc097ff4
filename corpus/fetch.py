"""Download one web page: the only network access claimdiff makes, and only for a URL the user gave.

Every failure is an InputError with a one-line message naming the URL.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from claimdiff.base.version import __version__
from claimdiff.base.errors import InputError

#: Seconds to wait for the server, per connection attempt and per read.
DEFAULT_TIMEOUT = 20.0
#: A news page is well under this; anything larger is not an article page.
MAX_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web address rather than a file."""
    return text.lower().startswith(_SCHEMES)


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """The bytes of the HTML page at `url` (http or https), following redirects."""
    request = urllib.request.Request(url, headers={"User-Agent": f"claimdiff/{__version__}", "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked by is_url
            kind = response.headers.get_content_type() if response.headers.get("Content-Type") else None
            if kind is not None and kind not in _HTML_TYPES:
                raise InputError(f"{url}: not a web page (content type {kind})")
            content = response.read(MAX_BYTES + 1)
            final = response.geturl()
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: cannot fetch: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch: {_reason(exc.reason, timeout)}") from None
    except (TimeoutError, socket.timeout):
        raise InputError(f"{url}: cannot fetch: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # a reset connection, a malformed address or reply
        raise InputError(f"{url}: cannot fetch: {_reason(exc, timeout)}") from None
    if len(content) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB; not an article page")
    return Fetched(url=final, content=content)


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower() if reason.strerror[:1].isupper() else reason.strerror
    return " ".join(str(reason).split()) or type(reason).__name__
