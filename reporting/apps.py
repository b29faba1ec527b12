from django.apps import AppConfig
from django.core import checks


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Reporting"

    def ready(self):
        from portal import encryption

        from . import handlers  # noqa: F401 - registers the outbox handlers

        # The checks live with the encryption code; reporting is its first user.
        checks.register(encryption.keys_check)
        checks.register(encryption.deploy_keys_check, deploy=True)
