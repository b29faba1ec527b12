"""The processes of the production stack, started the way docs/deployment.md says, for the
stack tests: gunicorn with deploy/gunicorn.conf.py, a Celery worker and beat, production
settings, plus a Redis and (when asked) a PostgreSQL of the test's own, and an SMTP sink.

Every process runs in its own session (process group), so stopping or killing it takes its
children too, and everything is stopped in `finally` blocks by the fixtures.
"""

import base64
import contextlib
import os
import pwd
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.2):
    """Polls `condition` until it returns something true, or fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"Timed out after {timeout:.0f} s waiting for {what}.")
        time.sleep(interval)  # polling pace, not synchronisation


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


# --- processes ---------------------------------------------------------------------------


class Process:
    """One long-running command in its own process group, logging to a file."""

    def __init__(self, name: str, args: list[str], *, env: dict[str, str], log_dir: Path, user: str | None = None):
        self.name, self.args, self.env, self.user = name, args, env, user
        self.log = log_dir / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(
                self.args,
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                user=self.user,
            )

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole group: the process and every child it forked, at once."""
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)
        _wait_group_gone(self.popen.pid)
        self.popen = None

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM to the group, then SIGKILL for whatever is left after `timeout`."""
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=timeout)
        self.kill()

    def tail(self, lines: int = 30) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _wait_group_gone(pgid: int, timeout: float = 10) -> None:
    def gone() -> bool:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    with contextlib.suppress(TimeoutError):
        wait_for(gone, timeout=timeout, what=f"process group {pgid} to exit", interval=0.05)


# --- Redis of the test's own -------------------------------------------------------------


class Redis:
    """A redis-server on its own port that saves its data when stopped and loads it when
    started again, as Redis does with its default configuration (a snapshot on shutdown)."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process = Process(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "3600 1",
                "--appendonly",
                "no",
                "--dir",
                str(directory),
            ],
            env=dict(os.environ),
            log_dir=directory,
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process.start()
        wait_for(self.answers, timeout=20, what="redis-server to answer")

    def stop(self) -> None:
        self.process.stop()

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(7) == b"+PONG\r\n"
        except OSError:
            return False


# --- a PostgreSQL of the test's own --------------------------------------------------------


def postgres_binaries() -> Path | None:
    found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parts[-3]))
    return Path(found[-1]).parent if found else None


class Postgres:
    """A disposable PostgreSQL cluster (initdb into a temporary folder, pg_ctl on a free port)
    that the test may stop and start. As root it runs as the `postgres` user, which initdb
    requires."""

    def __init__(self, directory: Path):
        self.bin = postgres_binaries()
        if self.bin is None:
            raise RuntimeError("No PostgreSQL binaries under /usr/lib/postgresql/*/bin")
        self.port = free_port()
        self.directory = directory
        self.data = directory / "data"
        self.user = "postgres" if os.geteuid() == 0 else None
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.directory, entry.pw_uid, entry.pw_gid)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            check=True,
            user=self.user,
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.directory / "postgres.log"), "-o", options, "-w", "start"
        )

    def stop(self) -> None:
        """A fast shutdown: open connections are cut and their transactions rolled back."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


# --- an SMTP sink --------------------------------------------------------------------------


@dataclass
class SmtpSink:
    """A minimal SMTP server on loopback that keeps every message it accepts. `on_mail_from`,
    when set, is called as a conversation starts a message (for tests that act mid-send)."""

    port: int = field(default_factory=free_port)
    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    on_mail_from: object = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._server.settimeout(0.2)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="smtp-sink", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._server.close()

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _address = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._converse, args=(connection,), daemon=True).start()

    def _converse(self, connection: socket.socket) -> None:
        connection.settimeout(30)
        reader = connection.makefile("rb")

        def reply(line: str) -> None:
            connection.sendall(line.encode() + b"\r\n")

        sender, recipients = "", []
        try:
            reply("220 sink.test ESMTP")
            for raw in reader:
                command = raw.decode(errors="replace").strip()
                verb = command[:4].upper()
                if verb == "EHLO":
                    reply("250-sink.test")
                    reply("250 8BITMIME")
                elif verb == "HELO":
                    reply("250 sink.test")
                elif verb == "MAIL":
                    sender, recipients = command[10:].strip(), []
                    if callable(self.on_mail_from):
                        self.on_mail_from()
                    reply("250 OK")
                elif verb == "RCPT":
                    recipients.append(command[8:].strip())
                    reply("250 OK")
                elif verb == "DATA":
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    body = []
                    for data_line in reader:
                        if data_line in (b".\r\n", b".\n"):
                            break
                        body.append(data_line)
                    else:
                        return  # the sender went away mid-message: nothing was accepted
                    with self.lock:
                        self.messages.append((sender, recipients, b"".join(body)))
                    reply("250 OK: queued")
                elif verb == "QUIT":
                    reply("221 Bye")
                    return
                elif verb in ("RSET", "NOOP"):
                    reply("250 OK")
                else:
                    reply("502 Command not implemented")
        except OSError:
            return
        finally:
            reader.close()
            connection.close()


# --- the stack -----------------------------------------------------------------------------


def stack_environment(*, database_url: str, redis_url: str, smtp_port: int, static_root: Path, bind: str):
    """Production settings, with every variable they require set to test values."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("WAYMARK_", "DJANGO_", "CELERY_")) and name not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        WAYMARK_ENCRYPTION_KEYS=f"stack:{base64.b64encode(os.urandom(32)).decode()}",
        WAYMARK_ENCRYPTION_CURRENT_KEY="stack",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="false",
        DEFAULT_FROM_EMAIL="waymark@stack.test",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
        WAYMARK_BIND=bind,
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Stack:
    """gunicorn, a Celery worker and beat, under production settings, on loopback."""

    def __init__(self, *, env: dict[str, str], log_dir: Path):
        self.env = env
        self.port = int(env["WAYMARK_BIND"].rsplit(":", 1)[1])
        self.log_dir = log_dir
        self.web = Process(
            "gunicorn", [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], env=env, log_dir=log_dir
        )
        self.worker_starts = 0
        self.worker = self._new_worker()
        self.beat = Process(
            "beat",
            [str(BIN / "celery"), "-A", "portal", "beat", "--loglevel", "INFO", "--schedule", str(log_dir / "beat")],
            env=env,
            log_dir=log_dir,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _new_worker(self) -> Process:
        self.worker_starts += 1
        return Process(
            "worker",
            [
                str(BIN / "celery"),
                "-A",
                "portal",
                "worker",
                "--loglevel",
                "INFO",
                f"--hostname=stack{self.worker_starts}@%h",
            ],
            env=self.env,
            log_dir=self.log_dir,
        )

    def start(self) -> None:
        self.worker.start()
        self.beat.start()
        self.web.start()
        wait_for(lambda: port_answers(self.port) or self._died(), timeout=90, what="gunicorn to listen")
        self._died()
        self.worker_wait_ready()

    def _died(self) -> bool:
        for process in (self.web, self.worker, self.beat):
            if not process.running:
                raise RuntimeError(f"{process.name} exited at start:\n{process.tail()}")
        return False

    def worker_ready(self) -> bool:
        return "ready." in self.worker.log.read_text(errors="replace").rsplit(f"stack{self.worker_starts}@", 1)[-1]

    def worker_wait_ready(self) -> None:
        wait_for(self.worker_ready, timeout=90, what="the Celery worker to be ready")

    def worker_kill_and_restart(self) -> None:
        """A crash: SIGKILL to the worker and its pool processes at once, then a new worker,
        as a process supervisor would start."""
        self.worker.kill()
        self.worker = self._new_worker()
        self.worker.start()

    def queue_empty(self) -> bool:
        """Nothing waiting in the broker's default queue."""
        import redis

        return redis.Redis.from_url(self.env["REDIS_URL"], socket_connect_timeout=2).llen("celery") == 0

    def stop(self) -> None:
        for process in (self.web, self.beat, self.worker):
            process.stop()
