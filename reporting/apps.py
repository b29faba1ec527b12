from django.apps import AppConfig
from django.core import checks


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Reporting"

    def ready(self):
        from portal import encryption
        from portal.health import register as readiness_check

        from . import (
            handlers,  # noqa: F401 - registers the outbox handlers
            health,
        )

        # What /readyz checks for reporting (portal/health.py).
        readiness_check("forces", health.forces_loaded)
        readiness_check("grade_schemes", health.grade_schemes_loaded)
        readiness_check("outbox_backlog", health.outbox_backlog_small)
        readiness_check("outbox_dead", health.outbox_dead_few)

        # The checks live with the encryption code; reporting is its first user.
        checks.register(encryption.keys_check)
        checks.register(encryption.deploy_keys_check, deploy=True)
