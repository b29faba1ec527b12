"""The HTTP API for force systems, under /api/v1/ (docs/api.md): a force's records
management system pulls its force's new reports, reads one in full, acknowledges it with its
own reference and moves it along the workflow. It reads reports only through the one access
rule (reporting.selectors.reports_visible_to), with an ApiClient as the actor."""
