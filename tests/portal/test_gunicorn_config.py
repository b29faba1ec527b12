"""The production web server's configuration (deploy/gunicorn.conf.py), read as gunicorn reads it."""

import runpy
from datetime import timedelta

import pytest
from gunicorn.config import Config

from portal.gunicorn_logging import AccessLogger
from tests.conftest import REPO

CONFIG = str(REPO / "deploy" / "gunicorn.conf.py")


def read_config(monkeypatch, **env):
    for name in ("WAYMARK_BIND", "WAYMARK_WEB_WORKERS", "WAYMARK_WEB_TIMEOUT", "WAYMARK_FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(CONFIG)


def test_it_serves_the_wsgi_application_on_localhost_by_default(monkeypatch):
    config = read_config(monkeypatch)

    assert config["wsgi_app"] == "portal.wsgi:application"
    assert config["bind"] == "127.0.0.1:8000"
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert config["timeout"] == 30


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (4, 9), (64, 9)])
def test_workers_default_to_twice_the_cores_plus_one_capped(monkeypatch, cores, workers):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: cores)

    assert read_config(monkeypatch)["workers"] == workers


def test_the_environment_sets_address_workers_timeout_and_trusted_proxies(monkeypatch):
    config = read_config(
        monkeypatch,
        WAYMARK_BIND="0.0.0.0:9000",
        WAYMARK_WEB_WORKERS="2",
        WAYMARK_WEB_TIMEOUT="60",
        WAYMARK_FORWARDED_ALLOW_IPS="10.0.0.5",
    )

    assert (config["bind"], config["workers"], config["timeout"]) == ("0.0.0.0:9000", 2, 60)
    assert config["forwarded_allow_ips"] == "10.0.0.5"


def test_the_access_log_has_no_query_string_referrer_agent_or_address(monkeypatch):
    log_format = read_config(monkeypatch)["access_log_format"]

    # %(U)s is the path alone; %(r)s, %(q)s and %({...}i)s would bring in what is left out.
    assert "%(U)s" in log_format
    for atom in ("%(r)s", "%(q)s", "%(f)s", "%(a)s", "%(h)s", ")i"):
        assert atom not in log_format


def test_the_access_log_masks_the_token_of_an_enrolment_link(monkeypatch):
    config = read_config(monkeypatch)
    assert config["logger_class"] == "portal.gunicorn_logging.AccessLogger"

    class Response:
        status = "302 Found"
        headers = ()
        sent = 0

    class Request:
        headers = ()

    logger = AccessLogger(Config())
    path = "/staff/enrol/s3cr3t-token-value/"
    environ = {
        "PATH_INFO": path,
        "RAW_URI": path,
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = logger.atoms(Response(), Request(), environ, timedelta(seconds=0.01))

    assert atoms["U"] == "/staff/enrol/…/"
    assert "s3cr3t" not in str(atoms["U"])
