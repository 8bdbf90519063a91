"""Shared fixtures. Qt runs offscreen and tests never depend on installed fonts or a keyring."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SMARTCITY_LANG", "zh_CN")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no OS keyring in tests

import pytest

from smartcity_desktop.i18n import set_language
from smartcity_desktop.scheme import Scheme, default_scheme

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Logs, settings and the documents folder go to a temp folder, never the developer's home."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("SMARTCITY_DOCUMENTS_DIR", str(home))
    monkeypatch.delenv("SMARTCITY_PASSPHRASE", raising=False)
    set_language("zh_CN")


@pytest.fixture(scope="session")
def scheme() -> Scheme:
    return default_scheme()


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from smartcity_desktop.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.scdossier")


@pytest.fixture
def demo_path(_demo_master: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo dossier for one test."""
    dest = tmp_path / "demo.scdossier"
    shutil.copyfile(_demo_master, dest)
    return dest


@pytest.fixture
def empty_path(tmp_path: Path, scheme: Scheme) -> Path:
    from smartcity_desktop.store import ProjectFile

    path = tmp_path / "empty.scdossier"
    ProjectFile.create(path, scheme, values={"applicant.name": "测试区", "applicant.level": "district",
                                             "applicant.province": "江东省"}).close()
    return path


@pytest.fixture
def session(demo_path: Path):
    """A GUI session (undo stack, autosave) on a fresh copy of the demo dossier."""
    from smartcity_desktop.store import ProjectFile
    from smartcity_desktop.ui.shell.session import DossierSession

    s = DossierSession(ProjectFile.open(demo_path))
    yield s
    s.close()
