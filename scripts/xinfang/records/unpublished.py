"""What no public output shows, even where a clerk typed it into free text, and the records as
every public output shows them.

Never published (《信访条例》2005 Art. 23; 个人信息保护法 Art. 28): the names of key persons and
their register numbers (the register in persons/ is confidential, being on it a 特定身份), the
petitioners of confidential cases, and statements that someone is on the key-person register ("已列为重点人员", "张某（重点
人员）"); a count ("重点人员 4 人") or a general mention ("走访重点人员") says nothing of anyone.
They become （保密） wherever the commit messages already hide them: the site (every page, the
lookup and search indexes), the masked workbook, the notice and the briefs. `xinfang check` warns
where a record's text holds them (rules/private_text.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .kinds import BY_NAME
from .privacy import HIDDEN_NAME, masked, name_hider, names_pattern, published_case
from .repository import Repository

_REGISTER = r"重点(?:信访|上访)?人员|包保对象|稳控对象|重点管控对象"
#: A statement that someone is, or was, on the key-person register.
STATUS = re.compile(
    rf"(?:已|被|曾|现|仍)?(?:列为|列入|纳入|确定为|定为|认定为|作为|系|是|属于|属|退出|撤出|撤销)"
    rf"(?:[县市乡镇村]级?的?)?(?:{_REGISTER})|[（(](?:{_REGISTER})[）)]"
)

_REGISTER_WORDS = re.compile("重点|对象")


@dataclass(frozen=True)
class Unpublished:
    """The names never published, and how free text is published without them."""

    names: frozenset[str]

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        return names_pattern(self.names)

    @cached_property
    def hide_names(self) -> Callable[[str], str]:
        """Names alone: for texts that are not a record's (commit messages, findings)."""
        return name_hider(self.names)

    def text(self, text: str) -> str:
        """A record's free text as published: status statements and names hidden."""
        if _REGISTER_WORDS.search(text):  # a plain search first: most texts hold none
            text = STATUS.sub(HIDDEN_NAME, text)
        return text if self._pattern is None else self._pattern.sub(HIDDEN_NAME, text)

    def names_in(self, text: str) -> bool:
        return self._pattern is not None and self._pattern.search(text) is not None

    @staticmethod
    def status_in(text: str) -> bool:
        return _REGISTER_WORDS.search(text) is not None and STATUS.search(text) is not None


def unpublished(repo: Repository) -> Unpublished:
    names = {person.name for person in repo.duties.persons}
    names.update(person.id for person in repo.duties.persons)  # the register's number tells too
    for case in repo.cases:
        if case.confidential:
            names.update(p.name for p in case.petitioners)
    return Unpublished(frozenset(names))


def published_repository(repo: Repository) -> Repository:
    """The records as every public output shows them: numbers masked, and what is never
    published taken out of the free text of cases and of every kind of record beside them. Key
    persons (the private kind) stay as written: public outputs show them as counts; the office's
    pages and the masked workbook's person sheets mask them themselves."""
    hide = unpublished(repo).text
    duties = repo.duties
    shown = dataclasses.replace(
        duties,
        by_kind={
            name: records if BY_NAME[name].private else masked(records, hide=hide)
            for name, records in duties.by_kind.items()
        },
        _referring=None,
    )
    return dataclasses.replace(
        repo,
        campaign=masked(repo.campaign),
        cases=[published_case(case, hide) for case in repo.cases],
        duties=shown,
    )
