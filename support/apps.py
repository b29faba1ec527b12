from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = "Support"

    def ready(self):
        from . import handlers  # noqa: F401 - registers the outbox handlers
