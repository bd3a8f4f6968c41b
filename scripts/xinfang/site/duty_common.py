"""What the pages of the work beside cases share: their addresses and the Chinese labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..records import duty_labels as zh
from ..records.file_names import file_name

Render = Callable[..., str]


def risk_url(risk_id: str) -> str:
    return f"risks/{file_name(risk_id)}.html"


def unit_url(code: str) -> str:
    return f"units/{file_name(code)}.html"


def submission_url(code: str) -> str:
    return f"submissions/{file_name(code)}.html"


def labels() -> dict[str, Any]:
    """Every label table of ``records/duty_labels.py`` by its name."""
    return {name: getattr(zh, name) for name in dir(zh) if name.endswith("_ZH")}
