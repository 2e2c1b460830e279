"""Fill a fresh django-machina forum through machina's own models; print the ground truth as JSON.

Run by the machina installation's Python (``DJANGO_SETTINGS_MODULE`` set). Anonymous visitors get machina's
read permissions (``UserForumPermission`` with ``anonymous_user``), as an operator grants them in the admin.
Synthetic and clinical: neutral filler text, invented member names.

Two boards and a sub-forum of the first ("Notices" › "Archive", reached from the Notices page only). With
``large`` as argument, the forum is sized as real ones are: 25 topics in each, so that each board lists its topics
on two pages (machina shows 20 per page), and topics of one to two pages.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from machina.apps.forum.models import Forum  # noqa: E402
from machina.apps.forum_conversation.models import Post, Topic  # noqa: E402
from machina.apps.forum_permission.models import ForumPermission, UserForumPermission  # noqa: E402

# Posts per topic: machina shows 15 per page, so one page, exactly one page, one more, and three pages.
TOPIC_SIZES = (1, 4, 15, 16, 33, 7)
LARGE_SIZES = (2, 5, 1, 8, 3, 16, 4, 1, 12, 6) * 7 + (2, 5, 1, 8, 3)  # 75 topics, 25 in each forum
SUBJECTS = ("reading room", "garden rota", "bicycle shed", "choir practice", "recycling point", "chess club")
VERBS = ("opens", "closes", "moves", "starts", "pauses", "continues")
TIMES = ("at nine", "after lunch", "on weekdays", "next month", "in the evening", "before noon")


def main(sizes: tuple[int, ...]) -> None:
    rng = random.Random(1313)
    for codename in ("can_see_forum", "can_read_forum"):
        permission = ForumPermission.objects.get(codename=codename)
        UserForumPermission.objects.create(permission=permission, anonymous_user=True, has_perm=True)
    users = [
        get_user_model().objects.create_user(f"reader{n:02d}", f"reader{n:02d}@example.org", "x") for n in range(6)
    ]
    category = Forum.objects.create(name="Community", type=Forum.FORUM_CAT)
    boards = [Forum.objects.create(name=name, parent=category, type=Forum.FORUM_POST) for name in ("Notices", "Rotas")]
    boards.append(Forum.objects.create(name="Archive", parent=boards[0], type=Forum.FORUM_POST))
    truth, number = [], 0
    for t, size in enumerate(sizes):
        when = datetime(2023, 2, 1, tzinfo=UTC) + timedelta(days=53 * t // (len(sizes) // 6))
        subject = f"{rng.choice(SUBJECTS).capitalize()} schedule {t + 1}"
        topic = Topic.objects.create(
            forum=boards[t % 3],
            poster=users[t % 6],
            subject=subject,
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
            approved=True,
        )
        for position in range(1, size + 1):
            number += 1
            when = (when + timedelta(days=rng.randrange(1, 3))).replace(
                hour=rng.choice((0, 8, 12, 13, 18, 23)), minute=rng.choice((0, 0, 7, 30, 45, 59))
            )
            author = users[rng.randrange(6)]
            text = (
                f"The {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TIMES)}. "
                f"Notice {number} lists the helpers for the {rng.choice(SUBJECTS)}."
            )
            post = Post.objects.create(topic=topic, poster=author, subject=subject, content=text, approved=True)
            Post.objects.filter(pk=post.pk).update(created=when)
            truth.append(
                {
                    "thread": subject,
                    "thread_id": topic.pk,
                    "forum": topic.forum.name,
                    "post_id": post.pk,
                    "post_no": position,
                    "author": author.username,
                    "posted_at": when.isoformat(),
                    "text": text,
                }
            )
        topic.refresh_from_db()
        topic.update_trackers()
    json.dump(truth, sys.stdout)


if __name__ == "__main__":
    main(LARGE_SIZES if sys.argv[1:] == ["large"] else TOPIC_SIZES)
