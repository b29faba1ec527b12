from django.apps import AppConfig
from django.core import checks


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = "Support"

    def ready(self):
        from portal.health import register as readiness_check

        from . import (
            handlers,  # noqa: F401 - registers the outbox handlers
            health,
        )

        # What /readyz checks for support (portal/health.py); the bank holidays only warn.
        readiness_check("support_services", health.support_services_loaded)
        readiness_check("bank_holidays", health.bank_holidays_current, critical=False)
        checks.register(health.bank_holidays_check)
