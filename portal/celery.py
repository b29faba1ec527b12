import os

from celery import Celery

# A worker and beat are what a deployment starts, so, like portal/wsgi.py, they default to
# production settings (docs/decisions/0007-settings-per-entry-point.md). This module is imported
# with the `portal` package, so it decides the default for the WSGI application too.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

app = Celery("waymark")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
