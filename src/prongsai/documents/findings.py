"""What an indicator's score says about the agency (data/findings.yaml), for the analysis
report's strengths, weaknesses and recommendations. Our own wording, validated on load."""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from prongsai.yamlio import loads_yaml

DATA_FILE = "findings.yaml"


class IndicatorFinding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    strength: str = Field(min_length=10)
    weakness: str = Field(min_length=10)
    focus: str = Field(min_length=10)


class Findings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: str
    locale: str
    indicators: dict[str, IndicatorFinding]


@cache
def load_findings() -> Findings:
    text = resources.files("prongsai.documents").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return Findings.model_validate(loads_yaml(text))


def finding(name: str) -> IndicatorFinding | None:
    return load_findings().indicators.get(" ".join(name.split()))
