"""Logs a force's IT team can collect and trust not to hold anyone's personal data.

- ``JsonFormatter``: one JSON object per line (time, level, logger, message, request_id, and
  for an exception its type and where it was raised, never its message or local values).
- ``RequestIdMiddleware`` gives every request an id, from ``X-Request-ID`` when a trusted proxy
  sent a safe token, otherwise a new one; it is in every log line of the request and echoed
  in the response header, so a proxy's log and ours can be joined.
- ``logging_config()`` builds the LOGGING setting: JSON lines in production and the local
  stack, readable lines in development; errors emailed to ADMINS without request data.
- ``PlainExceptionReporter`` and ``NothingSensitiveFilter``: what those emails hold (the
  exception type, the path and the stack's file names and lines; no POST, cookies, headers,
  settings or local variables).
- ``masked_path`` and ``SecretPathFilter``: some paths carry a secret (a staff enrolment link,
  /staff/enrol/<token>/, holds its one-time token). It is masked wherever a path is written:
  every log line and error email (their message and subject), the error email's request line,
  and gunicorn's access log (portal/gunicorn_logging.py). A log is kept longer than a link lives.

Never log answers, names, contact details, return codes, session keys or passwords; log ids.
"""

import contextvars
import json
import logging
import re
import traceback
import uuid
from datetime import UTC, datetime

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from . import net

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,99}")

# Each pattern's first group is kept and the secret after it replaced by MASK. Not anchored:
# the path is found inside a message ("Method Not Allowed: /staff/enrol/<token>/") too.
SECRET_PATHS = (re.compile(r"(/staff/enrol/)[^/\s?#\"']+"),)
MASK = "…"

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("waymark_request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or None outside a request) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


def masked_path(text: str) -> str:
    """The path, or any text holding one, with the secrets of SECRET_PATHS masked."""
    for pattern in SECRET_PATHS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


class SecretPathFilter(logging.Filter):
    """Masks secret paths in a record's message before any handler writes it: on the console
    handler and on the admins' email, whose subject Django builds from the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = masked_path(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": masked_path(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
            line["stack"] = _stack(record.exc_info[2])
        return json.dumps(line, ensure_ascii=False, default=str)


def _stack(tb) -> list[str]:
    """Where an exception was raised: files, lines and functions, without the source text or
    any value (an exception's message or a local variable can hold what someone typed)."""
    return [f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)]


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every log line of the request carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = self.request_id_for(request)
        request.request_id = request_id
        # Not reset on the way out: Django logs a 4xx or 5xx answer after the middleware has
        # returned. The request_finished signal clears it (request_id_clear).
        _request_id.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response

    @staticmethod
    def request_id_for(request) -> str:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        if given and SAFE_REQUEST_ID.fullmatch(given) and net.is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            return given
        return uuid.uuid4().hex


def request_id_clear(**kwargs) -> None:
    """Connected to request_finished (PortalConfig.ready): lines logged between requests
    carry no id."""
    _request_id.set(None)


class NothingSensitiveFilter(SafeExceptionReporterFilter):
    """Outside DEBUG, an error report shows no POST data, no local variables and no settings."""

    def get_post_parameters(self, request):
        if self.is_active(request):
            return {}
        return super().get_post_parameters(request)

    def get_traceback_frame_variables(self, request, tb_frame):
        if self.is_active(request):
            return []
        return super().get_traceback_frame_variables(request, tb_frame)

    def get_safe_settings(self):
        from django.conf import settings

        return super().get_safe_settings() if settings.DEBUG else {}


class PlainExceptionReporter(ExceptionReporter):
    """The text of an error email: what failed and where, never what was sent."""

    def get_traceback_text(self):
        method = getattr(self.request, "method", "") if self.request is not None else ""
        path = masked_path(getattr(self.request, "path", "")) if self.request is not None else ""
        lines = [f"Request: {method} {path}".rstrip(), f"Request id: {current_request_id() or '-'}"]
        if self.exc_type is not None:
            lines.append(f"Exception: {self.exc_type.__name__}")
        lines += _stack(self.tb) if self.tb is not None else []
        return "\n".join(lines)

    def get_traceback_html(self):
        return ""


def logging_config(*, json_lines: bool, level: str = "INFO") -> dict:
    """The LOGGING setting. Errors are emailed to ADMINS when it is set (outside DEBUG)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "portal.logs.RequestIdFilter"},
            "secret_paths": {"()": "portal.logs.SecretPathFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "json": {"()": "portal.logs.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            # The email's first line: the log message alone, no request data.
            "mail": {"format": "%(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id", "secret_paths"],
                "formatter": "json" if json_lines else "text",
            },
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false", "request_id", "secret_paths"],
                "formatter": "mail",
                "include_html": False,
                "reporter_class": "portal.logs.PlainExceptionReporter",
            },
        },
        "root": {"handlers": ["console", "mail_admins"], "level": level},
        "loggers": {
            # Named so that Django's default handlers (among them an AdminEmailHandler that
            # sends the request's POST data) are dropped: its records go to the root's.
            "django": {"handlers": [], "level": level, "propagate": True},
            # Scanners asking for other host names: logged, not emailed.
            "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
            # runserver's request lines (development only: gunicorn keeps its own access log).
            "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
