"""An installed redline (a wheel, not the checkout) carries its laws' manifests
and annotations, and keeps the stages it imports in the user's cache."""

import subprocess
import sys
import zipfile

from conftest import ROOT


def test_the_wheel_carries_manifests_and_annotations_and_no_stage_text(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("redline-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "redline_drafts/cybersecurity-law/manifest.yaml" in names
    assert "redline_drafts/cybersecurity-law/annotations/amendment-2025.yaml" in names
    # The translations a manifest lists, and every package of the code.
    assert "redline_drafts/cybersecurity-law/translations/final.en.md" in names
    for init in (ROOT / "redline").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names, init
    # Texts and stages made from them are never shipped (data rules).
    assert not [n for n in names if n.startswith("redline_drafts/") and n.count("/") == 2
                and not n.endswith("manifest.yaml")]


def test_an_installed_workspace_reads_the_packaged_drafts(tmp_path, monkeypatch):
    import shutil

    import redline.workspace.drafts as drafts

    packaged = tmp_path / "site-packages" / "redline_drafts"
    shutil.copytree(ROOT / "drafts" / "cybersecurity-law", packaged / "cybersecurity-law",
                    ignore=shutil.ignore_patterns("*.yaml"), dirs_exist_ok=True)
    shutil.copy(ROOT / "drafts/cybersecurity-law/manifest.yaml", packaged / "cybersecurity-law")
    monkeypatch.setattr(drafts, "packaged_drafts", lambda: packaged)
    monkeypatch.setattr(drafts, "_checkout_root", lambda: tmp_path / "no-checkout")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REDLINE_DRAFTS", raising=False)
    monkeypatch.chdir(tmp_path)
    ws = drafts.Workspace(None, ROOT.parent / "shared" / "corpus")
    assert ws.drafts == packaged
    assert ws.stage_path("cybersecurity-law", "final") == tmp_path / "cache/redline/cybersecurity-law/final.yaml"
    stage = drafts.load_stage("final", ws, "cybersecurity-law")
    assert len(stage.articles) == 79
    assert (tmp_path / "cache/redline/cybersecurity-law/final.yaml").is_file()
    assert not (packaged / "cybersecurity-law/final.yaml").exists()
