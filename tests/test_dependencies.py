"""Every runtime dependency in requirements.txt is used: imported by our code, named in the
settings (an app, a middleware, a backend), or listed below with what uses it. A package
nothing uses is still code every deployment installs, updates and trusts: remove it, and say
why in docs/decisions/ if it was there for a reason."""

import re
from importlib.metadata import packages_distributions

from tests.conftest import REPO

# Used without an import or a dotted name in our code.
USED_OTHERWISE = {
    "argon2-cffi": "Django's Argon2PasswordHasher (PASSWORD_HASHERS) imports it",
    "gunicorn": "the production web server: gunicorn -c deploy/gunicorn.conf.py",
    "psycopg": "Django's PostgreSQL backend, for a postgres:// DATABASE_URL",
}
SOURCES = ["portal", "reporting", "support", "deploy", "manage.py"]


def requirement_names() -> list[str]:
    lines = (REPO / "requirements.txt").read_text().splitlines()
    return [re.split(r"[\[=<>~! ]", line.strip(), maxsplit=1)[0] for line in lines if line.strip()[:1].isalnum()]


def modules_named_in_source() -> set[str]:
    named = set()
    for source in SOURCES:
        path = REPO / source
        for file in [path] if path.is_file() else path.rglob("*.py"):
            text = file.read_text(encoding="utf-8")
            named.update(re.findall(r"^\s*(?:from|import)\s+(\w+)", text, flags=re.MULTILINE))
            named.update(re.findall(r"""["'](\w+)(?:\.[\w.]*)?["']""", text))
    return named


def distribution_of_module() -> dict[str, set[str]]:
    return {module: {d.lower() for d in dists} for module, dists in packages_distributions().items()}


def test_every_runtime_dependency_is_used():
    named = modules_named_in_source()
    used = {dist for module, dists in distribution_of_module().items() if module in named for dist in dists}

    unused = [name for name in requirement_names() if name.lower() not in used and name.lower() not in USED_OTHERWISE]

    assert unused == [], f"In requirements.txt but used nowhere (or not installed here): {unused}"
