import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.pdf import StaticOnlyFetcher, render_pdf

PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="


class Recorder(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def outside_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_renders_a_pdf():
    pdf = render_pdf("<h1>Case file</h1><p>Reference WM-ABCD-1234</p>")

    assert pdf.startswith(b"%PDF-")


def test_never_fetches_anything_from_another_server(outside_server):
    base = f"http://127.0.0.1:{outside_server.server_address[1]}"
    html = f"""
        <link rel="stylesheet" href="{base}/style.css">
        <style>@import url("{base}/imported.css"); body {{ background: url("{base}/bg.png") }}</style>
        <img src="{base}/tracker.png"><img src="//127.0.0.1:{outside_server.server_address[1]}/relative.png">
        <a rel="attachment" href="{base}/file.txt">file</a>
    """

    assert render_pdf(html).startswith(b"%PDF-")
    assert outside_server.hits == []


def test_never_reads_local_files_into_the_document(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-local-file-content")

    pdf = render_pdf(f'<a rel="attachment" href="file://{secret}">x</a><img src="file://{secret}">')

    assert b"CANARY-local-file-content" not in pdf


def test_uses_data_uris():
    assert len(render_pdf(f'<img src="{PNG_1PX}">')) > len(render_pdf("<p></p>"))


def test_uses_our_own_static_files():
    heading = '<h1 class="govuk-heading-xl">Case file</h1>'

    styled = render_pdf(f'<link rel="stylesheet" href="/static/waymark.css">{heading}')

    assert styled != render_pdf(heading)


@pytest.mark.parametrize(
    "url",
    [
        "https://waymark.invalid/static/../../../etc/passwd",
        "https://waymark.invalid/static/no-such-file.css",
        "https://example.org/static/waymark.css",
        "file:///etc/passwd",
    ],
)
def test_fetcher_refuses_anything_but_existing_static_files(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)
