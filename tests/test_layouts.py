"""Every layout rule's examples match it, and no rule of the same kind takes its counter-examples."""

from __future__ import annotations

import pytest

from tracker import layouts

EXAMPLES = [(rule.name, text) for rule in layouts.RULES for text in rule.examples]
COUNTER = [(rule.name, text) for rule in layouts.RULES for text in rule.counter_examples]
_BY_NAME = {rule.name: rule for rule in layouts.RULES}


@pytest.mark.parametrize(("name", "text"), EXAMPLES)
def test_rule_matches_its_examples(name: str, text: str) -> None:
    assert layouts.matches(_BY_NAME[name], text)


@pytest.mark.parametrize(("name", "text"), COUNTER)
def test_no_rule_of_the_kind_takes_a_counter_example(name: str, text: str) -> None:
    assert layouts.match(_BY_NAME[name].kind, text) is None


def test_every_rule_has_evidence() -> None:
    assert all(rule.examples and rule.seen_in for rule in layouts.RULES)


@pytest.mark.parametrize(
    ("title", "split"),
    [
        (
            "Beleidsdebat: Herfstpakket Europees Semester 2026",
            ("Beleidsdebat", "Herfstpakket Europees Semester 2026"),
        ),
        ("Kwartaalrapportage: herziening Coördinatieverordening", None),
        (
            "Informatie van de Commissie: Loontransparantie",
            ("Informatie van de Commissie", "Loontransparantie"),
        ),
    ],
)
def test_procedure_prefix_splits_only_council_procedures(
    title: str, split: tuple[str, str] | None
) -> None:
    assert layouts.procedure_prefix(title) == split
