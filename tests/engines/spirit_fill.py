"""Fill a fresh Spirit forum through Spirit's own models and markdown renderer; print the ground truth as JSON.

Run by the Spirit installation's Python (``DJANGO_SETTINGS_MODULE`` set), not by Lantern's: it imports Django and
Spirit only. Synthetic and clinical: neutral filler text, invented member names, no contact details.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from spirit.category.models import Category  # noqa: E402
from spirit.comment.models import Comment  # noqa: E402
from spirit.core.utils.markdown import Markdown  # noqa: E402
from spirit.topic.models import Topic  # noqa: E402

# Comments per topic: one page, exactly one full page (20), one more than a page, and three pages.
TOPIC_SIZES = (1, 3, 20, 21, 45, 8, 12, 2)
SUBJECTS = ("reading room", "garden rota", "bicycle shed", "choir practice", "recycling point", "chess club")
VERBS = ("opens", "closes", "moves", "starts", "pauses", "continues")
TIMES = ("at nine", "after lunch", "on weekdays", "next month", "in the evening", "before noon")


def sentence(rng: random.Random, number: int) -> str:
    """A neutral line of filler text, distinct per number."""
    return (
        f"The {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TIMES)}. "
        f"Notice {number} lists the volunteers for the {rng.choice(SUBJECTS)}."
    )


def moment(rng: random.Random, start: datetime) -> datetime:
    """A whole minute (Spirit's dates show no seconds), often on the hour, at noon or just after midnight."""
    minute = rng.choice((0, 0, 5, 24, 30, 59))
    hour = rng.choice((0, 9, 11, 12, 13, 16, 23))
    day = (start + timedelta(days=rng.randrange(1, 3))).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return day


def main() -> None:
    rng = random.Random(2024)
    users = [
        get_user_model().objects.create_user(f"member{n:02d}", f"member{n:02d}@example.org", "x") for n in range(8)
    ]
    boards = [Category.objects.create(title=title) for title in ("Garden club", "Library hours")]
    markdown = Markdown()
    truth = []
    number = 0
    for t, size in enumerate(TOPIC_SIZES):
        when = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(days=47 * t)
        title = f"{rng.choice(SUBJECTS).capitalize()} notes {t + 1}"
        topic = Topic.objects.create(user=users[t % 8], category=boards[t % 2], title=title, date=when)
        for position in range(1, size + 1):
            number += 1
            when = moment(rng, when)
            author = users[rng.randrange(8)]
            text = sentence(rng, number)
            Comment.objects.create(
                user=author, topic=topic, comment=text, comment_html=markdown.render(text), date=when
            )
            truth.append(
                {
                    "thread_id": topic.pk,
                    "thread": title,
                    "post_no": position,
                    "author": author.st.nickname,
                    "posted_at": when.isoformat(),
                    "text": text,
                }
            )
        Topic.objects.filter(pk=topic.pk).update(comment_count=size, last_active=when)
    json.dump(truth, sys.stdout)


if __name__ == "__main__":
    main()
