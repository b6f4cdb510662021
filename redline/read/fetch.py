"""Sources on the web: ``redline import https://…`` downloads, then reads as a file.

Drafts are published on the web (the NPC's comment pages, its PDFs). The page or
file is fetched with the standard library (no extra dependency), up to
:data:`MAX_BYTES`, then read by the reader its name or its bytes call for
(:func:`redline.read.reader_for`). Plain ``http://`` is accepted for hosts on
this machine only (a local mirror, the tests); anything else must be HTTPS.

Every failure is one line: offline, host not found, refused, timed out, an
HTTP error status, or a body too large. A redirect is checked as the first
address was, and the address recorded is where the text came from; a body
shorter than the server declared (a connection cut) is refused, and so is a
download still running after :data:`DEADLINE` seconds (a server sending a byte a
second would otherwise hold ``import`` as long as it likes).
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import PurePosixPath

from ..errors import RedlineError

#: Largest download accepted, in bytes (the Civil Code as PDF is about 2 MB).
MAX_BYTES = 64 * 1024 * 1024
#: Seconds to wait for the server to connect or send, per operation.
TIMEOUT = 30
#: Seconds the whole download may take.
DEADLINE = 300
_LOCAL = {"localhost", "127.0.0.1", "::1"}
#: Content types that name a format when the URL's path does not.
_TYPES = {"application/pdf": ".pdf", "text/html": ".html", "text/plain": ".txt",
          "text/markdown": ".md",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


def is_url(ref: str) -> bool:
    return ref.startswith(("https://", "http://"))


def _allowed(url: str) -> None:
    """
    >>> _allowed("http://example.org/x.pdf")
    Traceback (most recent call last):
    redline.errors.RedlineError: http://example.org/x.pdf: only https:// addresses are fetched (http:// only from this machine)
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOCAL):
        raise RedlineError(f"{url}: only https:// addresses are fetched "
                           "(http:// only from this machine)")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Each hop of a redirect meets the rule the first address met."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _allowed(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str) -> tuple[bytes, str, str]:
    """(body, a file name with the right extension, the address it came from
    after any redirect) of ``url``."""
    import time

    _allowed(url)
    parts = urllib.parse.urlsplit(url)
    request = urllib.request.Request(url, headers={"User-Agent": "redline"})
    opener = urllib.request.build_opener(_CheckedRedirects)
    started = time.monotonic()
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            final = response.geturl()
            declared = response.headers.get("Content-Length")
            chunks: list[bytes] = []
            got = 0
            while got <= MAX_BYTES:
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
                if time.monotonic() - started > DEADLINE:
                    raise RedlineError(f"{url}: the download took over {DEADLINE} s "
                                       f"({got:,} bytes); download it and import the file")
            body = b"".join(chunks)
            ctype = (response.headers.get_content_type() or "").lower()
    except urllib.error.HTTPError as e:
        raise RedlineError(f"{url}: the server answered {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise RedlineError(f"{url}: cannot download ({_reason(e.reason)}); "
                           "check the address and the network, or download it and "
                           "import the file") from None
    except (socket.timeout, TimeoutError):
        raise RedlineError(f"{url}: no answer within {TIMEOUT} s") from None
    except http.client.HTTPException as e:  # IncompleteRead and the like: a cut connection
        raise RedlineError(f"{url}: the download was cut short ({type(e).__name__}); try again") from None
    except OSError as e:
        raise RedlineError(f"{url}: cannot download ({e.strerror or e})") from None
    if len(body) > MAX_BYTES:
        raise RedlineError(f"{url}: larger than {MAX_BYTES // 2**20} MB; not a law text")
    if declared is not None and declared.strip().isdigit() and len(body) != int(declared):
        raise RedlineError(f"{url}: the download was cut short ({len(body):,} of {int(declared):,} "
                           "bytes); try again")
    parts = urllib.parse.urlsplit(final)
    name = PurePosixPath(urllib.parse.unquote(parts.path)).name or "index"
    from . import FORMATS  # the readers' extensions

    if PurePosixPath(name).suffix.lower() not in FORMATS:
        name += _TYPES.get(ctype, ".txt")
    return body, name, final


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found: offline, or no such host"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"no answer within {TIMEOUT} s"
    return str(getattr(reason, "strerror", None) or reason)
