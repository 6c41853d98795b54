"""The package layering: index below qa below ui and eval, and nothing installed imports the benchmarks."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imported_packages(package: str) -> dict[str, set[str]]:
    """Top-level packages each module of a package imports (lazy imports inside functions included)."""
    out: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        out[str(path.relative_to(ROOT))] = names
    return out


@pytest.mark.parametrize(
    "package,forbidden",
    [
        ("index", {"qa", "ui", "eval", "benchmarks"}),
        ("qa", {"ui", "eval", "benchmarks"}),
        ("ui", {"eval", "benchmarks"}),
        ("eval", {"ui", "benchmarks"}),
    ],
)
def test_package_imports_no_higher_layer(package, forbidden):
    offending = {module: sorted(names & forbidden) for module, names in _imported_packages(package).items()
                 if names & forbidden}
    assert offending == {}


def test_the_distribution_installs_no_benchmarks_and_no_viquad_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "benchmarks" not in config["packages"]
    shipped = [p for package in config["packages"] for p in (ROOT / package).rglob("*") if p.is_file()]
    assert not [p for p in shipped if "viquad" in p.name.lower()]
