"""Add one post to one topic of the filled machina forum through machina's own models; print its truth as JSON.

Run by the machina installation's Python (like ``machina_fill.py``): ``python machina_reply.py TOPIC_ID``. The
topic's and its forum's trackers are updated by machina's own ``update_trackers``, as a post through the site
would. Synthetic and clinical: a neutral line of filler text by an invented member.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from machina.apps.forum_conversation.models import Post, Topic  # noqa: E402


def main(topic_id: int) -> None:
    topic = Topic.objects.get(pk=topic_id)
    when = (topic.last_post_on + timedelta(hours=3)).replace(second=0, microsecond=0)
    author = get_user_model().objects.get(username="reader03")
    text = "The reading room opens at nine. Notice 999 lists the helpers for the garden rota."
    post = Post.objects.create(topic=topic, poster=author, subject=topic.subject, content=text, approved=True)
    Post.objects.filter(pk=post.pk).update(created=when)
    topic.refresh_from_db()
    topic.update_trackers()
    truth = {"thread": topic.subject, "thread_id": topic.pk, "forum": topic.forum.name, "post_id": post.pk}
    truth |= {"post_no": topic.posts.count(), "author": author.username, "posted_at": when.isoformat(), "text": text}
    json.dump(truth, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
