"""Which petition events count against the plan's targets: 越级访, 集体访, 非正常进京访.

Read as the 2005 《信访条例》 and the 2008 usage read them: 越级访 and 集体访 are about visits
(走访), not letters, calls, joint letters or online submissions. A visit is 越级 above the level
the campaign allows (``policies.cross_level_above``; Art. 16 allows the same level or the one
above) and 集体 at or above the campaign's head count. 非正常进京访 is the event's explicit flag:
a visit in Beijing outside the designated reception places.
"""

from __future__ import annotations

from ..records.case import Case, Event
from ..records.policy import LEVELS, Policy

#: Beijing places that are designated reception places: a visit there is a lawful 进京访.
RECEPTION_PLACES = ("reception",)
#: The 2005 regulation's limit on representatives of a collective visit (Art. 18).
MAX_REPRESENTATIVES = 5


def is_cross_level(event: Event, policy: Policy) -> bool:
    return event.form == "visit" and LEVELS.index(event.level) > LEVELS.index(
        policy.cross_level_above
    )


def is_collective(event: Event, policy: Policy) -> bool:
    return event.form == "visit" and event.head_count >= policy.collective_threshold


def is_abnormal_beijing(event: Event) -> bool:
    return event.abnormal and event.form == "visit" and event.level == "beijing"


def same_visit(case: Case, event: Event) -> tuple[object, ...]:
    """What makes two written events one visit: the same date, form, level, place and people.

    The people are the head count and the case's petitioners (by ID number where written, else
    by name), so the same visit entered twice in one case, or in two cases of the same people,
    has one key and is counted once.
    """
    people = frozenset(p.id_number or p.name for p in case.petitioners)
    return (event.date, event.form, event.level, event.place, event.head_count, people)
