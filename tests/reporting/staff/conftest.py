"""Fixtures for the force staff's pages: a member of the Met's staff in every role."""

import pytest

from reporting.models import StaffMember
from tests.factories import MET, grade_schemes, staff_user

Role = StaffMember.Role


@pytest.fixture
def met(forces):
    grade_schemes()
    return {role: staff_user(force_code=MET, role=role) for role in Role}
