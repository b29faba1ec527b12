"""Force staff's side of reporting: the triage queue, a report and its case file, working
and transferring reports, the audit trail and the supervisors' dashboard.

Every view is wrapped by ``guard.staff_view``, the one way in for force staff: it finds the
member of staff, loads what the URL names through the one access rule
(``reporting.selectors.reports_visible_to``) and answers 404 for anything else.
"""
