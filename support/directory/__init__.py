"""The directory of support services: find support without reporting, the list of every
service, signposting on other apps' pages, and whether each service is open now."""

from .selectors import bank_holidays, directory, find_support_results, services_for
from .services import NATIONAL_SERVICES_FILE, ServiceDataError, SyncResult, national_services_sync

__all__ = [
    "NATIONAL_SERVICES_FILE",
    "ServiceDataError",
    "SyncResult",
    "bank_holidays",
    "directory",
    "find_support_results",
    "national_services_sync",
    "services_for",
]
