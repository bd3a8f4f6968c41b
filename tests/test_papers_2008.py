"""Papers of a 2008 campaign: the law of 2008, rates rounded half up with their base (issue 23
point 11)."""

from __future__ import annotations

from datetime import date

import pytest

from xinfang.campaign.statutory import REGULATION_2005, REGULATION_2022, campaign_regulations
from xinfang.cli import main
from xinfang.office.notice.build import build_notice, write_markdown
from xinfang.records.labels import percent, percent_value, ratio
from xinfang.records.repository import open_repository
from xinfang.rules.table import RULES_BY_ID
from xinfang.site.generator import generate

from .conftest import ROOT

AS_OF = date(2008, 7, 20)
LATER_LAW = ("信访工作条例", "民法典")


def test_rates_are_rounded_half_up_in_decimal() -> None:
    assert percent(9, 16) == "56.3%（9/16）"  # 56.25%; binary rounding gives 56.2%
    assert percent(27, 48) == "56.3%（27/48）"
    assert percent_value(1, 16) == "6.3%" and percent_value(1, 8) == "12.5%"
    assert ratio(9, 16, 3) == 0.563 and ratio(9, 16) == 0.5625
    assert percent(0, 0) == "—（0/0）"


def test_every_rate_states_its_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--root", str(ROOT), "--as-of", "2008-07-20"]) == 0
    assert (
        "结案率 56.3%（27/48），息诉罢访 11 件，息诉罢访率 22.9%（11/48）"
        in capsys.readouterr().out
    )
    assert main(["brief", "--root", str(ROOT), "--as-of", "2008-07-20"]) == 0
    assert "（结案率 56.3%（27/48））" in capsys.readouterr().out


def test_a_2008_campaign_cites_only_the_law_in_force_then(
    capsys: pytest.CaptureFixture[str],
) -> None:
    campaign = open_repository(ROOT).campaign
    assert campaign_regulations(campaign) == (REGULATION_2005,)
    papers = [write_markdown(build_notice(ROOT, AS_OF))]
    for args in (["brief"], ["brief", "--leader", "钱立民"], ["propose"]):
        assert main([*args, "--root", str(ROOT), "--as-of", "2008-07-20"]) == 0
        papers.append(capsys.readouterr().out)
    site = generate(ROOT, AS_OF)
    pages = [p.body for p in site.pages if p.path.startswith("cases/") or p.path == "rules.md"]
    assert len(pages) > 40
    for text in papers + pages:
        assert not [law for law in LATER_LAW if law in text]
    rules = next(p.body for p in site.pages if p.path == "rules.md")
    assert "《信访条例》第三十三条" in rules and "《民法通则》第一百五十四条" in rules


def test_a_later_campaign_cites_its_own_regulation() -> None:
    rule = RULES_BY_ID["statutory-handling"]
    assert "《信访工作条例》第三十四条" in rule.requirement([REGULATION_2022])
    assert "信访工作条例" not in rule.requirement([REGULATION_2005])
