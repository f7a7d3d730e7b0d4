"""The README's links are absolute (they must work on the package index page
too), and each one into this repository names a file and heading that exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]
URLS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
BASE = URLS["Repository"]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in re.findall(r"^#+ (.*)$", path.read_text(), re.M)}


def test_every_readme_link_is_absolute_and_those_into_the_repository_resolve():
    links = re.findall(r"\]\(([^)\s]+)\)", (ROOT / "README.md").read_text())
    assert len(links) > 10
    assert [link for link in links if not link.startswith("https://")] == []
    for link in links:
        if not link.startswith(BASE):
            continue
        rest = link[len(BASE) :]
        target, _, anchor = rest.partition("#")
        path = (
            ROOT / "README.md" if target in ("", "/") else ROOT / target.removeprefix("/blob/main/")
        )
        assert target in ("", "/") or target.startswith("/blob/main/"), link
        assert path.is_file(), link
        if anchor:
            assert anchor in anchors(path), link


def test_the_project_urls_share_one_base():
    assert all(url.startswith(BASE) for url in URLS.values())
