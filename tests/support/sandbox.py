"""Builds that run without the network, or without some Python packages, through a Python start-up
file (sitecustomize.py) the build picks up from PYTHONPATH."""

from __future__ import annotations

import textwrap
from pathlib import Path


def blocking_python_path(directory: Path, *, offline: bool = False, uninstalled: tuple[str, ...] = (),
                emptied: tuple[str, ...] = ()) -> str:
    """A PYTHONPATH for a build: no network at all, packages that will not import, or packages
    that import but ship no files (a stand-in shadowing the installed one)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sitecustomize.py").write_text(textwrap.dedent(f"""\
        import socket, sys

        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test: the build must not go online")

        if {offline!r}:
            socket.getaddrinfo = socket.create_connection = refuse
            socket.socket.connect = socket.socket.connect_ex = refuse

        class Uninstalled:
            def find_spec(self, name, path=None, target=None):
                if name.partition(".")[0] in {uninstalled!r}:
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)

        sys.meta_path.insert(0, Uninstalled())
        """), encoding="utf-8")
    for package in emptied:
        (directory / package / "files").mkdir(parents=True)
        (directory / package / "__init__.py").write_text("", encoding="utf-8")
    return str(directory)


def patching_python_path(directory: Path, patches: dict[str, str]) -> str:
    """A PYTHONPATH for a build with module attributes replaced as it starts, as monkeypatch
    replaces them in the tests' own process: {"package.module.NAME": "Python expression"}. An
    attribute that is not there stops the build, so a patch never silently misses."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sitecustomize.py").write_text(textwrap.dedent(f"""\
        import importlib

        for target, expression in {patches!r}.items():
            module, _, name = target.rpartition(".")
            patched = importlib.import_module(module)
            if not hasattr(patched, name):
                raise AttributeError(f"the test patches {{target}}, which is not there")
            setattr(patched, name, eval(expression))
        """), encoding="utf-8")
    return str(directory)
