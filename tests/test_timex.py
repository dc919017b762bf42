"""Time expressions resolved against the article date."""

from __future__ import annotations

import pytest

from kg.extract.timex import find_times


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("На прошлой неделе губернатор встретился", "2025-11-10", "2025-11-03/2025-11-09"),
        ("На этой неделе", "2025-11-12", "2025-11-10/2025-11-16"),
        ("Еще раньше, в июне, глава", "2025-11-10", "2025-06"),
        ("в декабре прошли переговоры", "2025-11-10", "2024-12"),
        ("в октябре 2023 года", "2025-11-10", "2023-10"),
        ("вчера министр заявил", "2025-11-10", "2025-11-09"),
        ("в понедельник стороны", "2025-11-13", "2025-11-10"),
        ("в прошлом году", "2025-11-10", "2024"),
        ("встреча 28 июня 2010 года", None, "2010-06-28"),
        ("встреча 28 июня", "2010-07-01", "2010-06-28"),
        ("подписан 01.02.2024", None, "2024-02-01"),
        ("в 2019 году", None, "2019"),
    ],
)
def test_resolves(text, anchor, value):
    assert [t.value for t in find_times(text, anchor)] == [value]


def test_relative_expression_without_a_date_is_not_guessed():
    assert find_times("на прошлой неделе", None) == []


def test_offsets_point_into_the_text():
    text = "Он сказал, что в июне был в Минске."
    (t,) = find_times(text, "2025-11-10", offset=100)
    assert text[t.start - 100 : t.end - 100] == "в июне"
