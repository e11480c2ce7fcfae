"""Web pages: main text and metadata from HTML (trafilatura), and fetching links safely (httpx)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import InputError

FETCH_TIMEOUT = 20.0  # seconds, connect and read
MAX_BYTES = 5_000_000  # a news page is far smaller; anything larger is refused, not truncated
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "briefing/0.1 (+https://pypi.org/project/briefing)"


@dataclass(frozen=True)
class WebPage:
    """The readable part of a page and what it says about itself."""

    text: str
    title: str | None
    outlet: str | None
    author: str | None
    published: date | None


def extract_html(html: str, source: str) -> WebPage:
    """Main text, title, outlet, author and publication date of an HTML page; navigation and asides dropped."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    data: dict[str, Any] = {}
    if isinstance(document, dict):
        data = document
    elif document is not None:
        data = document.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(f"{source}: no article text found in the page")
    return WebPage(
        text=text + "\n",
        title=data.get("title") or None,
        outlet=data.get("sitename") or None,
        author=data.get("author") or None,
        published=_date(data.get("date")),
    )


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def fetch(url: str, client: Any = None) -> tuple[str, str]:
    """GET a page: bounded redirects, a timeout, an HTML content type and a size limit. Returns (html, final URL)."""
    import httpx

    own = client is None
    client = client or httpx.Client(
        timeout=FETCH_TIMEOUT, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT}
    )
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(f"{url}: HTTP {response.status_code}")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind not in HTML_TYPES:
                raise InputError(f"{url}: not a web page (content type {kind or 'missing'})")
            declared = int(response.headers.get("content-length") or 0)
            if declared > MAX_BYTES:
                raise InputError(f"{url}: page is {declared} bytes, over the {MAX_BYTES} byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > MAX_BYTES:
                    raise InputError(f"{url}: page is over the {MAX_BYTES} byte limit")
            encoding = response.encoding or "utf-8"
            return body.decode(encoding, errors="replace"), str(response.url)
    except httpx.TooManyRedirects as error:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects") from error
    except httpx.TimeoutException as error:
        raise InputError(f"{url}: no answer within {FETCH_TIMEOUT:.0f} s") from error
    except httpx.HTTPError as error:
        raise InputError(f"{url}: cannot fetch ({error.__class__.__name__})") from error
    finally:
        if own:
            client.close()
