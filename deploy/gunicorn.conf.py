"""Gunicorn, the production web server: `gunicorn -c deploy/gunicorn.conf.py`.

Everything a deployment may change comes from the environment (see docs/deployment.md); the
settings module stays DJANGO_SETTINGS_MODULE's, which portal/wsgi.py defaults to production.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"

# Behind the TLS-terminating proxy, on this address.
bind = os.environ.get("WAYMARK_BIND", "127.0.0.1:8000")

# Gunicorn's rule of thumb, 2 x cores + 1, capped: each worker holds its own database
# connection, and a bigger machine is better used by a second instance than by 30 workers.
MAX_WORKERS = 9
workers = int(os.environ.get("WAYMARK_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, MAX_WORKERS)))

# A request taking longer than this is stuck (PDF case files are the slowest, well under it).
timeout = int(os.environ.get("WAYMARK_WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100

# Only these proxies may say, through X-Forwarded-* headers, that a request came over HTTPS.
forwarded_allow_ips = os.environ.get("WAYMARK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line per request, to standard output: when, method, path, status, size, duration. No query
# string, referrer, user agent or address: a query string or referrer can carry what a person
# typed (a postcode, a search), and the addresses of people reporting abuse do not belong in a
# web server's log.
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Masks the one-time token of a staff enrolment link in the logged path.
logger_class = "portal.gunicorn_logging.AccessLogger"
