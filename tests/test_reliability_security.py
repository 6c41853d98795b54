"""Security defaults: loopback binding, a warning when exposed without auth, no file served, no pickle, bounded deps."""

from __future__ import annotations

import argparse
import http.client
import inspect
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import quote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("qa", "index", "ui", "eval")


# --- binding and the exposure warning -----------------------------------------------------------------


def _chat_args(*argv: str) -> argparse.Namespace:
    from ui.command import register

    parser = argparse.ArgumentParser(prog="hoidap")
    register(parser.add_subparsers())
    return parser.parse_args(["chat", *argv])


def test_chat_binds_loopback_unless_told_otherwise() -> None:
    from ui import server

    assert _chat_args().host == "127.0.0.1"
    assert inspect.signature(server.launch).parameters["host"].default == "127.0.0.1"


def test_launch_never_asks_for_a_share_link(monkeypatch) -> None:
    from ui import server

    seen: dict[str, Any] = {}

    class FakeDemo:
        def launch(self, **kwargs: Any) -> tuple[None, str, None]:
            seen.update(kwargs)
            return None, "http://127.0.0.1:1/", None

    server.launch(FakeDemo(), port=1)
    assert seen["server_name"] == "127.0.0.1" and seen["share"] is False


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_hosts_count_as_private(host: str) -> None:
    from ui.server import is_loopback

    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", ""])
def test_other_hosts_count_as_exposed(host: str) -> None:
    from ui.server import is_loopback

    assert not is_loopback(host)


def _run_chat_without_binding(argv: list[str], monkeypatch) -> tuple[int, str]:
    """Run `hoidap chat` up to the point of binding; the article is missing, so it stops before any server starts."""
    import io
    import sys

    from ui import command, server

    def must_not_bind(*args: Any, **kwargs: Any) -> str:
        raise AssertionError("the test must not bind a server")

    monkeypatch.setattr(server, "launch", must_not_bind)
    monkeypatch.delenv("HOIDAP_AUTH", raising=False)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    code = command.run(_chat_args(*argv, "--file", str(Path(tempfile.gettempdir()) / "hoidap-khong-co.txt")))
    return code, err.getvalue()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10"])
def test_chat_warns_when_exposed_without_auth(host: str, monkeypatch) -> None:
    code, err = _run_chat_without_binding(["--host", host], monkeypatch)
    assert code == 1
    assert f"hoidap: warning: serving on {host} without --auth" in err


@pytest.mark.parametrize("argv", [["--host", "0.0.0.0", "--auth", "an:mat-khau"], ["--host", "127.0.0.1"], []],
                         ids=["exposed-with-auth", "loopback", "default"])
def test_chat_does_not_warn_with_auth_or_on_loopback(argv: list[str], monkeypatch) -> None:
    code, err = _run_chat_without_binding(argv, monkeypatch)
    assert code == 1 and "warning" not in err


def test_chat_warns_when_auth_only_from_environment_is_empty(monkeypatch) -> None:
    monkeypatch.setenv("HOIDAP_AUTH", "")
    from ui import command

    monkeypatch.setattr("ui.server.launch", lambda *a, **k: pytest.fail("must not bind"))
    import io
    import sys

    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    command.run(_chat_args("--host", "0.0.0.0", "--file", "/nonexistent/hoidap.txt"))
    assert "without --auth" in err.getvalue()


# --- against a launched app ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(hash_assistant: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """(url, article path, a secret file outside the articles) for an app launched on 127.0.0.1."""
    pytest.importorskip("ui.app")
    from ui_helpers import running_app

    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text("HOIDAP-SECRET-7f3a9c", "utf-8")
    article = Path(hash_assistant.documents[0].source)
    with running_app(hash_assistant) as url:
        yield url, article, secret


@pytest.mark.slow
def test_launched_server_listens_only_on_loopback(served) -> None:
    psutil = pytest.importorskip("psutil")
    url, _, _ = served
    port = urlsplit(url).port
    listening = [c for c in psutil.Process().net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == port]
    assert listening, "no listening socket found for the app"
    assert {c.laddr.ip for c in listening} <= {"127.0.0.1"}


def _raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET exactly this path (no client-side normalisation of ../ or %2e)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def _traversal_paths(article: Path, secret: Path) -> list[str]:
    targets = ["/etc/passwd", str(article), str(secret), str(ROOT / "pyproject.toml"), "/proc/self/environ"]
    rel = ["../../../../../../../etc/passwd", "pyproject.toml", "index/data/" + article.name, "../" * 8 + str(secret)]
    paths: list[str] = []
    for prefix in ("/gradio_api/file=", "/file=", "/gradio_api/file/", "/static/", "/assets/", "/gradio_api/static/"):
        for t in targets + rel:
            paths.append(prefix + t)
            paths.append(prefix + quote(t, safe=""))  # %2F and %2E%2E
            paths.append(prefix + t.replace("../", "%2e%2e%2f").replace("/", "%2f"))
            paths.append(prefix + t.replace("../", "..%5c"))  # backslash separators
            paths.append(prefix + t.replace("../", "....//"))
    paths += ["/gradio_api/file=%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/file=../../etc/passwd",
              "/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd"]
    return paths


@pytest.mark.slow
def test_no_file_route_serves_files_outside_the_articles(served) -> None:
    url, article, secret = served
    passwd = Path("/etc/passwd").read_bytes()[:40]
    article_bytes = article.read_bytes()
    article_line = next(ln for ln in article_bytes.splitlines() if len(ln) > 80)
    project_file = (ROOT / "pyproject.toml").read_bytes()[:60]
    served_any: list[str] = []
    for path in _traversal_paths(article, secret):
        status, body = _raw_get(url, path)
        leaked = [name for name, needle in (("passwd", passwd), ("secret", b"HOIDAP-SECRET-7f3a9c"),
                                             ("pyproject", project_file), ("environ", b"HOIDAP_CACHE_DIR="),
                                             ("article file", article_line)) if needle in body]
        if leaked:
            served_any.append(f"{status} {path}: {leaked}")
    assert served_any == []


@pytest.mark.slow
def test_file_routes_refuse_the_traversal_attempts_outright(served) -> None:
    url, article, secret = served
    for path in ("/gradio_api/file=/etc/passwd", "/file=../../etc/passwd", "/gradio_api/file=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                 f"/gradio_api/file={article}", f"/gradio_api/file={secret}"):
        status, _ = _raw_get(url, path)
        assert status in (400, 403, 404), (status, path)


# --- nothing loaded with pickle -------------------------------------------------------------------------

_UNSAFE = re.compile(
    r"^\s*(?:import|from)\s+(?:(?i:c?pickle)|_pickle|dill|cloudpickle|joblib|shelve|marshal)\b"
    r"|\b(?:(?i:c?pickle)|dill|cloudpickle|joblib|shelve|marshal)\.(?:loads?|Unpickler|open)\b"
    r"|allow_pickle\s*=\s*True"
    r"|\btorch\.load\s*\("
    r"|\bpd\.read_pickle\b|\bread_pickle\s*\("
    r"|\byaml\.(?:unsafe_)?load\s*\((?![^)]*SafeLoader)",
    re.MULTILINE,
)
_NP_LOAD = re.compile(r"\b(?:np|numpy)\.load\s*\(")


def _sources() -> list[Path]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    assert len(files) > 20, files
    return files


@pytest.mark.parametrize("line", [
    "import pickle", "from cPickle import loads", "obj = pickle.loads(blob)", "np.load(f, allow_pickle=True)",
    "state = torch.load(path)", "import joblib", "df = pd.read_pickle(p)", "cfg = yaml.load(text)",
])
def test_unsafe_loader_pattern_catches_each_form(line: str) -> None:
    assert _UNSAFE.search(line), line


def test_safe_forms_are_not_flagged() -> None:
    for line in ("np.save(buf, arr, allow_pickle=False)", "np.load(b, allow_pickle=False)", "# pickles are unsafe"):
        assert not _UNSAFE.search(line), line


def test_no_project_source_loads_pickles() -> None:
    found = []
    for path in _sources():
        text = path.read_text("utf-8")
        for m in _UNSAFE.finditer(text):
            found.append(f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0).strip()}")
    assert found == []


def _call_args(text: str, open_paren: int) -> str:
    """The argument text of a call, from its opening parenthesis to the matching closing one."""
    depth = 0
    for i in range(open_paren, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return text[open_paren + 1 : i]
    return text[open_paren + 1 :]


def test_call_args_reads_nested_parentheses() -> None:
    text = 'np.load(io.BytesIO(b["v"]), allow_pickle=False) + 1'
    assert _call_args(text, text.index("(")) == 'io.BytesIO(b["v"]), allow_pickle=False'


def test_every_np_load_refuses_pickles_explicitly() -> None:
    loose = []
    for path in _sources():
        text = path.read_text("utf-8")
        for m in _NP_LOAD.finditer(text):
            args = _call_args(text, m.end() - 1)
            if "allow_pickle=False" not in args.replace(" ", ""):
                loose.append(f"{path.relative_to(ROOT)}: np.load({args})")
    assert loose == []


# --- dependencies have upper bounds -------------------------------------------------------------------------


def _requirements() -> list[tuple[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    reqs = [("dependencies", r) for r in project.get("dependencies", [])]
    for extra, items in project.get("optional-dependencies", {}).items():
        reqs += [(f"extra {extra}", r) for r in items]
    return reqs


def _has_upper_bound(requirement: str) -> bool:
    from packaging.requirements import Requirement

    spec = Requirement(requirement).specifier
    return any(s.operator in ("<", "<=", "==", "===", "~=") and "*" not in s.version or
               (s.operator == "==" and s.version.endswith(".*")) for s in spec)


def test_upper_bound_check_tells_bounded_from_open() -> None:
    assert _has_upper_bound("numpy>=1.26,<3") and _has_upper_bound("x~=1.2") and _has_upper_bound("y==2.*")
    assert not _has_upper_bound("torch>=2.4") and not _has_upper_bound("requests") and not _has_upper_bound("z!=3")


@pytest.mark.parametrize("where,requirement", [pytest.param(w, r, id=f"{w}:{r}") for w, r in _requirements()])
def test_every_dependency_has_an_upper_bound(where: str, requirement: str) -> None:
    assert _has_upper_bound(requirement), f"{where}: {requirement!r} has no upper bound"
