"""Gunicorn's access log, without the secrets some paths carry.

A staff enrolment link (/staff/enrol/<token>/) holds its one-time token in the path, and
gunicorn logs the path. The token is useless without the password and once used, but a log is
kept longer than a link lives, so it is masked before the line is written, by the same
``masked_path`` as Django's own log lines (portal/logs.py, where the secret paths are listed).
"""

from gunicorn.glogging import Logger

from portal.logs import masked_path


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = masked_path(atoms.get("U") or "")
        return atoms
