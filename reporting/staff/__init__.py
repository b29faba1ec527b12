"""Force staff's side of reporting: the triage queue, a report and its case file, working
and transferring reports, the audit trail and the supervisors' dashboard.

- ``guard``: the one way in for force staff (``staff_view``), and the reason asked before a
  report is read.
- ``views``: one module per screen, each view thin.
- ``presenters``: what each page shows, built once per page (the report page and the case
  file read the same ``ReportPage``).
- ``forms``: what staff fill in, with the THRIVE form's wording.

Every view is wrapped by ``guard.staff_view``: it finds the member of staff, loads what the
URL names through the one access rule (``reporting.selectors.reports_visible_to``) and
answers 404 for anything else. Nothing is imported here, so that other apps can use the
guard without loading the views.
"""
