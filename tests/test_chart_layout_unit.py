"""The source line's wrapping (szreport.charts.layout): the count of pieces a line takes, found around a guess,
is the count a bisection over every count finds, whatever the guess."""

from __future__ import annotations

import bisect
import itertools
import random

import pytest

from szreport.charts import layout


def bisected(total: int, fits) -> int:
    """The rule as it was: the first count from 2 that does not fit, less one (at least one piece)."""
    return bisect.bisect_left(range(2, total + 1), True, key=lambda count: not fits(count)) + 1


@pytest.mark.parametrize("seed", range(5))
def test_the_count_around_a_guess_is_the_bisections_whatever_the_guess(seed):
    rng = random.Random(seed)
    for total in range(2, 30):
        widths = list(itertools.accumulate(rng.randint(1, 40) for _ in range(total)))
        room = rng.randint(1, widths[-1] + 20)
        asked: list[int] = []

        def fits(count: int, widths=widths, room=room, asked=asked) -> bool:
            asked.append(count)
            return widths[count - 1] <= room

        for guess in range(0, total + 2):
            assert layout.most_that_fit(total, fits, guess) == bisected(total, fits), (total, room, guess)
        exact = bisected(total, fits)
        asked.clear()
        layout.most_that_fit(total, fits, exact)
        assert len(asked) <= 2  # a right guess costs two measurements at most
