"""The case lookup's index: people by name and ID tail, in chunks, never a confidential case's."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import yaml

from xinfang.site.generator import generate
from xinfang.site.inputs import Site
from xinfang.site.lookup_index import id_tail

from .conftest import ROOT, make_repo


def _case(root: Path, case_id: str, **changes: object) -> None:
    """Copy a bundled case under a new id, with some top-level keys changed."""
    data = yaml.safe_load((ROOT / "cases" / "XF2008-T01-001.yml").read_text(encoding="utf-8"))
    data.update(id=case_id, **changes)
    (root / "cases" / f"{case_id}.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _person(name: str, id_number: str | None = None) -> dict[str, object]:
    person: dict[str, object] = {"name": name, "locality": "T01"}
    if id_number:
        person["id_number"] = id_number
    return person


def _assets(site: Site) -> dict[str, object]:
    return {a.path: json.loads(a.content) for a in site.assets if a.path.endswith(".json")}


def _site(tmp_path: Path) -> Site:
    root = make_repo(tmp_path / "repo")
    shutil.rmtree(root / "evidence")
    (root / "evidence").mkdir()
    _case(root, "XF2008-T01-101", title="第一次：反映拆迁补偿",
          petitioners=[_person("欧阳秀英", "390521196504011234"), _person("李四", "39052119650412567X")])  # fmt: skip
    _case(root, "XF2008-T01-102", title="第二次：同一人再次反映", status="in_progress",
          petitioners=[_person("欧阳秀英")])  # fmt: skip
    _case(root, "XF2008-T01-103", title="检举村干部", confidential=True,
          petitioners=[_person("王秘密", "390521196504129996")])  # fmt: skip
    _case(root, "XF2008-T01-104", title="匿名来信", petitioners=[_person("匿名")])
    _case(root, "XF2008-T01-105", title="少数民族群众来访", petitioners=[_person("Ahmat 阿合买提")])
    for data in (
        "XF2008-T01-101",
        "XF2008-T01-102",
        "XF2008-T01-103",
        "XF2008-T01-104",
        "XF2008-T01-105",
    ):
        text = (root / "cases" / f"{data}.yml").read_text(encoding="utf-8")
        text = text.replace(
            "evidence:\n- evidence/XF2008-T01-001/谈话记录.txt\n- evidence/XF2008-T01-001/结案报告.txt\n",
            "",
        )
        (root / "cases" / f"{data}.yml").write_text(text, encoding="utf-8")
    return generate(root, date(2008, 7, 20))


def test_a_person_is_found_in_every_case_by_any_part_of_the_name(tmp_path: Path) -> None:
    assets = _assets(_site(tmp_path))
    index = assets["assets/cases.json"]
    assert isinstance(index, dict)
    ids = [index["prefix"] + row[0] for row in index["rows"]]
    for ch in "欧阳秀英":
        chunk = assets[f"assets/lookup/p-{ord(ch):x}.json"]
        assert isinstance(chunk, list)
        found = sorted(ids[row] for row, name in chunk if name == "欧阳秀英")
        assert found == ["XF2008-T01-101", "XF2008-T01-102"], ch
        assert ch in index["people"]
    states = {index["prefix"] + r[0]: index["states"][r[4]] for r in index["rows"]}
    assert states["XF2008-T01-101"] == "已结案" and states["XF2008-T01-102"].startswith("化解中")


def test_identity_numbers_are_indexed_by_their_last_four_characters_only(tmp_path: Path) -> None:
    assets = _assets(_site(tmp_path))
    assert assets["assets/lookup/id-1.json"] == [[0, "1234", "欧阳秀英"]]
    assert assets["assets/lookup/id-5.json"] == [[0, "567X", "李四"]]
    text = json.dumps(assets, ensure_ascii=False)
    assert "390521" not in text and "196504" not in text and "19650401" not in text


def test_a_confidential_case_is_never_found_by_its_petitioner(tmp_path: Path) -> None:
    site = _site(tmp_path)
    text = json.dumps(_assets(site), ensure_ascii=False)
    assert "王秘密" not in text and "9996" not in text
    assert "检举村干部" in text  # the case itself is found by its title
    assert "匿名" not in text.replace("匿名来信", "")
    assert not any("秘" in a.path or f"{ord('秘'):x}" in a.path for a in site.assets)


def test_id_tail_takes_what_the_site_shows() -> None:
    assert id_tail("3905**********3412") == "3412"
    assert id_tail("39052119650412567x") == "567X"
    assert id_tail("390521650412123") == "2123"  # an old 15-digit card
    assert id_tail("123") == "" and id_tail(None) == "" and id_tail("12**") == ""


def test_names_are_chunked_by_lower_cased_characters_without_spaces(tmp_path: Path) -> None:
    assets = _assets(_site(tmp_path))
    index = assets["assets/cases.json"]
    assert isinstance(index, dict)
    assert "a" in index["people"] and "A" not in index["people"] and " " not in index["people"]
    assert [4, "Ahmat 阿合买提"] in assets["assets/lookup/p-61.json"]  # "a", as the query is
    assert [4, "Ahmat 阿合买提"] in assets[f"assets/lookup/p-{ord('阿'):x}.json"]
