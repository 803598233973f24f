"""Official register: no colloquial Thai (our list in planning/data/colloquial.yaml), no
questions and no indicator definitions phrased as questions ("…ได้เพียงใด") in any text of
the catalogue, the units book, the terms book and the documents' wording."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

FILES = [
    ("prongsai.planning", "measures.yaml"),
    ("prongsai.planning", "units.yaml"),
    ("prongsai.planning", "terms.yaml"),
    ("prongsai.documents", "recommendations.yaml"),
]
# Keys whose values are identifiers or matching keywords, not text a document prints.
NOT_TEXT = {"id", "theme", "themes", "for", "responsible", "supporting", "frequency", "version", "locale",
            "when", "names", "reasons", "prefixes"}


def load(package: str, name: str) -> Any:
    return yaml.safe_load(resources.files(package).joinpath("data", name).read_text(encoding="utf-8"))


def strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT or isinstance(value, dict):  # top-level `themes` holds titles
                yield from strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from strings(value, f"{path}[{n}]")
    elif isinstance(data, str):
        yield path, data


@pytest.fixture(scope="module")
def colloquial() -> list[str]:
    data = load("prongsai.planning", "colloquial.yaml")
    return [entry["word"] for entry in data["words"]]


def test_the_word_list_is_ours_and_long_enough(colloquial):
    assert len(colloquial) >= 30
    assert len(set(colloquial)) == len(colloquial)
    data = load("prongsai.planning", "colloquial.yaml")
    assert all(entry.get("instead") for entry in data["words"])


@pytest.mark.parametrize(("package", "name"), FILES)
def test_no_colloquial_words(colloquial, package, name):
    found = [(path, word, text) for path, text in strings(load(package, name)) for word in colloquial
             if word in text]
    assert not found, "\n".join(f"{name} {path}: '{word}' in {text}" for path, word, text in found)


@pytest.mark.parametrize(("package", "name"), FILES)
def test_statements_not_questions(package, name):
    texts = list(strings(load(package, name)))
    assert texts
    bad = [(path, text) for path, text in texts if "ได้เพียงใด" in text or "?" in text or "？" in text]
    assert not bad, "\n".join(f"{name} {path}: {text}" for path, text in bad)


def test_the_lint_sees_every_kind_of_text():
    paths = {path.split("[")[0].split(".")[0] for path, _ in strings(load("prongsai.planning", "measures.yaml"))}
    assert {"groups", "measures", "themes"} <= paths
    rec = {path.split("[")[0].split(".")[0] for path, _ in strings(load("prongsai.documents", "recommendations.yaml"))}
    assert {"background", "indicators", "keep", "oit_themes", "oit_reason_themes", "limitations"} <= rec
