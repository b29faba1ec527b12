"""PDFs from HTML with WeasyPrint, unable to reach anything outside the application.

A case file is built from what victims typed. If any of it carried a URL into the document
(an image, a stylesheet, an attachment), rendering must not fetch it: that would tell an
outsider a case file was opened, or read a local file into the PDF. The fetcher below
serves our own static files and `data:` URIs and refuses everything else.
"""

import mimetypes

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative links in the HTML resolve against this origin; ".invalid" can never resolve to a
# real host, and the fetcher answers it from our static files without any network access.
DOCUMENT_BASE = "https://waymark.invalid/"
STATIC_PREFIX = DOCUMENT_BASE + "static/"


class RefusedURL(ValueError):
    pass


class StaticOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(STATIC_PREFIX):
            raise RefusedURL(f"Not fetched: {url[:100]}")
        name = url.removeprefix(STATIC_PREFIX).split("?")[0].split("#")[0]
        if ".." in name.split("/"):
            raise RefusedURL(f"Not fetched: {url[:100]}")
        path = finders.find(name) or (staticfiles_storage.exists(name) and staticfiles_storage.path(name))
        if not path:
            raise RefusedURL(f"No such static file: {name}")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with open(path, "rb") as handle:
            return URLFetcherResponse(url, body=handle.read(), headers={"Content-Type": content_type})


def render_pdf(html: str) -> bytes:
    """Renders trusted template output (user text in it already escaped) to PDF bytes.
    Relative links such as /static/pdf.css resolve to our static files."""
    return HTML(string=html, base_url=DOCUMENT_BASE, url_fetcher=StaticOnlyFetcher()).write_pdf()
