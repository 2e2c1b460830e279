"""Add one reply to one topic of the filled Spirit forum through Spirit's own models; print its truth as JSON.

Run by the Spirit installation's Python (like ``spirit_fill.py``): ``python spirit_reply.py TOPIC_ID``.
Synthetic and clinical: a neutral line of filler text by an invented member.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from spirit.comment.models import Comment  # noqa: E402
from spirit.core.utils.markdown import Markdown  # noqa: E402
from spirit.topic.models import Topic  # noqa: E402


def main(topic_id: int) -> None:
    topic = Topic.objects.get(pk=topic_id)
    last = Comment.objects.filter(topic=topic).order_by("-date").first()
    when = (last.date + timedelta(hours=3)).replace(second=0, microsecond=0)
    author = get_user_model().objects.get(username="member03")
    text = "The reading room opens at nine. Notice 999 lists the volunteers for the garden rota."
    Comment.objects.create(user=author, topic=topic, comment=text, comment_html=Markdown().render(text), date=when)
    count = Comment.objects.filter(topic=topic).count()
    Topic.objects.filter(pk=topic.pk).update(comment_count=count, last_active=when)
    truth = {"thread_id": topic.pk, "thread": topic.title, "post_no": count, "author": author.st.nickname}
    json.dump(truth | {"posted_at": when.isoformat(), "text": text}, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
