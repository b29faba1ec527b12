from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.core.signals import request_finished

        from . import health, logs

        request_finished.connect(logs.request_id_clear, dispatch_uid="portal.logs.request_id_clear")

        health.register("database", health.database_reachable)
        health.register("broker", health.broker_reachable)
