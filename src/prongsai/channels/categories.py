"""The categories a report may be filed under (data/complaint_categories.yaml), validated on load."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

DATA = Path(__file__).with_name("data") / "complaint_categories.yaml"


class Category(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    key: str = Field(pattern=r"^[a-z][a-z_]{1,19}$")
    label: str = Field(min_length=2, max_length=120)


class Categories(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    categories: tuple[Category, ...] = Field(min_length=1)

    @field_validator("categories")
    @classmethod
    def _unique(cls, value: tuple[Category, ...]) -> tuple[Category, ...]:
        keys = [c.key for c in value]
        if len(set(keys)) != len(keys):
            raise ValueError("หมวดเรื่องร้องเรียนมีรหัสซ้ำกัน")
        return value


def load(path: Path = DATA) -> Categories:
    return Categories.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def complaint_categories() -> tuple[tuple[str, str], ...]:
    return tuple((c.key, c.label) for c in load().categories)
