"""The one-way dependency rule (docs/architecture.md): support -> reporting -> portal, with
portal/urls.py the only place the apps are wired together."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# What each app may not import.
FORBIDDEN = {"portal": ("reporting", "support"), "reporting": ("support",)}
WIRING = {Path("portal/urls.py")}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_imports_point_one_way(app):
    wrong = [
        f"{path.relative_to(REPO)} imports {module}"
        for path in sorted((REPO / app).rglob("*.py"))
        if path.relative_to(REPO) not in WIRING
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN[app]
    ]
    assert wrong == []


def test_the_check_sees_a_wrong_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("from support.models import Referral\nimport reporting.models\n")
    assert imported_modules(module) == {"support.models", "reporting.models"}
