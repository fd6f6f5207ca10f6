"""The layout holds: one permission policy, one audit log writer, arrows pointing down.

These read the source, as a linter would: a change that calls ``has_perm`` in a view, writes a
log line by hand or makes ``people`` import the reading site fails here with the file named.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("thinktank", "audit", "people", "citations", "articles", "accounts", "translation_tools")
# Which of our packages each may import (besides itself); everything else points up.
MAY_IMPORT = {
    "thinktank": set(),
    "audit": {"thinktank"},
    "people": {"thinktank", "audit"},
    "citations": {"thinktank", "audit"},
    "articles": {"thinktank", "audit", "people", "citations"},
    "accounts": {"thinktank", "audit"},
    "translation_tools": {"thinktank", "audit", "people", "citations", "articles"},
}
# The project's wiring: its URLconf includes the apps' URLs.
WIRING = {"thinktank/urls.py"}


def sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text())


def calls_to(tree, attribute):
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attribute
    ]


def test_only_the_permission_policy_asks_has_perm():
    """Every permission question goes through ``articles/permissions.py``."""
    found = [
        f"{name}:{line}"
        for name, tree in sources()
        if name != "articles/permissions.py"
        for line in calls_to(tree, "has_perm")
    ]
    assert found == []


def test_only_the_log_function_writes_audit_lines():
    """``audit.log.log`` is the one place a ``LogEntry`` is created."""
    found = []
    for name, tree in sources():
        if name == "audit/log.py":
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("create", "bulk_create")
                and "LogEntry" in ast.unparse(node.func.value)
            ) or (isinstance(node, ast.Call) and ast.unparse(node.func) == "LogEntry"):
                found.append(f"{name}:{node.lineno}")
    assert found == []


def imported_packages(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]


def test_imports_point_down():
    """``people``, ``citations`` and ``audit`` depend on nothing above them; ``thinktank`` on
    no app (but for the URLconf that wires them)."""
    upward = []
    for name, tree in sources():
        package = name.split("/")[0]
        if name in WIRING:
            continue
        for line, imported in imported_packages(tree):
            if imported in APPS and imported != package and imported not in MAY_IMPORT[package]:
                upward.append(f"{name}:{line} imports {imported}")
    assert upward == []


def test_no_function_local_imports_outside_app_ready():
    """Imports sit at the top of modules; only ``AppConfig.ready`` imports late (Django's rule:
    models load after the app registry)."""
    late = []
    for name, tree in sources():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" and name.endswith("apps.py"):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    late.append(f"{name}:{node.lineno}")
    assert late == []
