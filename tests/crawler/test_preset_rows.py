"""The board and thread rows of the presets of engines not run here (phpBB, MyBB, SMF, Discourse, NodeBB), on rows
written as those engines' default templates print them (the templates each preset names; values filled in by hand):
a view count, a vote or a "(2 Viewing)" that the crawler's own visit (or anyone's) changes leaves the signature as it
was, a new post changes it. Flarum's rows are only titles: their signature, and a post's anchor and date, come from
the page's JSON payload (on the fixture pages of ``engine_pages/flarum/``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from crawler import json_values
from crawler.listing_rows import row_signatures
from crawler.presets import preset
from crawler.spiders.base import select
from crawler.spiders.forum import unpaged_url
from tests.crawler.flarum_pages import FOLDER as FLARUM
from tests.crawler.flarum_pages import with_new_post

# phpBB prosilver forumlist_body.html (a forumrow) and viewforum_body.html (a topicrow).
PHPBB_BOARD = """<ul class="topiclist forums"><li class="row"><dl class="icon forum_read">
<dt title="No unread posts"><div class="wrap-content"><a href="./viewforum.php?f=2" class="forumtitle">Notices</a><br />
Club notices<br /><strong>Subforum:</strong> <a href="./viewforum.php?f=5" class="subforum read">Archive</a></div></dt>
<dd class="topics">12 <dfn>Topics</dfn></dd><dd class="posts">{posts} <dfn>Posts</dfn></dd>
<dd class="lastpost"><span><dfn>Last post</dfn> by <a href="./memberlist.php?u=2" class="username">reader01</a>
<a href="./viewtopic.php?p={post}#p{post}" title="View the latest post">»</a><br />{last}</span></dd>
</dl></li></ul>"""
PHPBB_THREAD = """<ul class="topiclist topics"><li class="row bg1"><dl class="icon topic_read">
<dt title="No unread posts"><div class="list-inner"><a href="./viewtopic.php?t=7" class="topictitle">Ferry times</a>
<br /><div class="responsive-hide">by <a href="./memberlist.php?u=3" class="username">reader02</a> »
Sun Jan 07, 2024 8:00 am</div></div></dt>
<dd class="posts">{replies} <dfn>Replies</dfn></dd><dd class="views">{views} <dfn>Views</dfn></dd>
<dd class="lastpost"><span><dfn>Last post </dfn>by <a href="./memberlist.php?u=2" class="username">reader01</a>
<a href="./viewtopic.php?p={post}#p{post}" title="Go to last post">»</a><br />{last}</span></dd></dl></li></ul>"""
# MyBB 1.8 mybb_theme.xml: forumbit_depth2_forum with forumbit_depth2_forum_lastpost (after forumdisplay_threadlist's
# column heads, whose sort links are no boards); forumdisplay_thread.
MYBB_BOARD = """<table class="tborder"><tr><td class="tcat" colspan="3" width="66%"><span class="smalltext"><strong><a
href="forumdisplay.php?fid=2&amp;datecut=9999&amp;sortby=subject&amp;order=asc">Thread</a></strong></span></td></tr><tr>
<td class="trow1" align="center" width="1"><span class="forum_status forum_off" id="mark_read_2"></span></td>
<td class="trow1"><strong><a href="forumdisplay.php?fid=2">Notices</a></strong>{viewers}<div class="smalltext">Club
notices</div></td><td class="trow1" align="center">12</td><td class="trow1" align="center">{posts}</td>
<td class="trow1" align="right"><span class="smalltext"><a href="showthread.php?tid=7&amp;action=lastpost"
title="Ferry times"><strong>Ferry times</strong></a><br />{last}<br />by <a href="member.php?uid=2">reader01</a>
</span></td></tr></table>"""
MYBB_THREAD = """<table class="tborder"><tr class="inline_row">
<td align="center" class="trow1 forumdisplay_regular" width="2%"><span class="thread_status folder">&nbsp;</span></td>
<td align="center" class="trow1 forumdisplay_regular" width="2%">&nbsp;</td>
<td class="trow1 forumdisplay_regular"><div><span><span class=" subject_old" id="tid_7"><a
href="showthread.php?tid=7">Ferry times</a></span></span><div><span class="author smalltext"><a
href="member.php?uid=3">reader02</a>, </span></div></div></td>
<td align="center" class="trow1 forumdisplay_regular"><a href="https://forum.example/misc.php?action=whoposted&tid=7"
onclick="MyBB.whoPosted(7); return false;">{replies}</a></td>
<td align="center" class="trow1 forumdisplay_regular">{views}</td>
<td class="trow1 forumdisplay_regular" style="white-space: nowrap; text-align: right;"><span
class="lastpost smalltext">{last}<br /><a href="showthread.php?tid=7&amp;action=lastpost">Last Post</a>: <a
href="member.php?uid=2">reader01</a></span></td></tr></table>"""
# SMF 2.1 Themes/default: BoardIndex.template.php (template_bi_board_*) and MessageIndex.template.php.
SMF_BOARD = """<div id="category_1_boards"><div id="board_2" class="up_contain "><div class="board_icon"><a
href="https://forum.example/index.php?board=2.0" class="board_off"></a></div><div class="info"><a class="subject
mobile_subject" href="https://forum.example/index.php?board=2.0" id="b2">Notices</a><div class="board_description">Club
notices</div></div><div class="board_stats"><p>Posts: {posts}<br>Topics: 12</p></div><div class="lastpost"><p>
<strong>Last post</strong> by <a href="https://forum.example/index.php?action=profile;u=2">reader01</a><br>in <a
href="https://forum.example/index.php?topic=7.msg{post}#new">Ferry times</a><br>on {last}</p></div></div></div>"""
SMF_THREAD = """<div id="topic_container"><div class="windowbg"><div class="board_icon"><img src="xx.png" alt=""></div>
<div class="info info_block"><div><div class="icons floatright"></div><div class="message_index_title"><span
class="preview" title="…"><span id="msg_12"><a href="https://forum.example/index.php?topic=7.0">Ferry times</a></span>
</span></div><p class="floatleft">Started by <a href="https://forum.example/index.php?action=profile;u=3">reader02</a></p>
</div></div><div class="board_stats centertext"><p>Replies: {replies}<br>Views: {views}</p></div><div class="lastpost">
<p><a href="https://forum.example/index.php?topic=7.msg{post}#new">{last}</a> by <a
href="https://forum.example/index.php?action=profile;u=2">reader01</a></p></div></div></div>"""

# Discourse app/views/list/list.erb (a topic-list-item of the crawler view; the last cell is the last post's day).
DISCOURSE_THREAD = """<table class='topic-list'><tbody class="topic-list-body"><tr class="topic-list-item">
<td class="main-link topic-list-data" itemprop='itemListElement' itemscope itemtype='http://schema.org/ListItem'>
<meta itemprop='name' content='Ferry times'><span class="link-top-line"><a href='https://forum.example/t/ferry-times/7'
class='title raw-link raw-topic-link'>Ferry times</a></span></td><td class='posters topic-list-data'><a
href="https://forum.example/u/reader01" class="latest"><img width="25" height="25" src="/a.png" class="avatar"
title='reader01 - Original Poster, Most Recent Poster'></a></td><td class="replies num topic-list-data"><span
class='posts' title='posts'>{replies}</span></td><td class="views num topic-list-data"><span class='views'
title='views'>{views}</span></td><td class="num topic-list-data">{day}</td></tr></tbody></table>"""
# NodeBB Harmony partials/categories/item.tpl and partials/topics_list.tpl (stats cards, the last post's teaser).
NODEBB_BOARD = """<ul class="categories-list list-unstyled"><li component="categories/category" data-cid="2"
class="w-100 border-bottom py-3 category-2 "><div class="d-flex col-lg-7 gap-2 gap-lg-3"><div class="flex-grow-1">
<h2 class="title text-break fs-4"><a class="text-reset" href="/category/2/notices" itemprop="url">Notices</a></h2>
</div></div><div class="d-flex col-lg-5 col-12 align-content-stretch"><div class="meta stats d-none d-lg-grid col-6">
<div class="card card-header"><span class="fs-5 ff-secondary lh-1" title="12">12</span><span>topics</span></div>
<div class="card card-header"><span class="fs-5 ff-secondary lh-1" title="{posts}">{posts}</span><span>posts</span>
</div></div><div component="topic/teaser" class="teaser ps-5"><div class="lastpost border-start"><div
component="category/posts" class="ps-2 text-xs"><div class="text-nowrap text-truncate"><a class="permalink text-muted
timeago text-xs" href="/topic/7/ferry-times/{post}" title="{iso}" aria-label="Last post"></a></div></div></div></div>
</div></li></ul>"""
NODEBB_THREAD = """<ul component="category" class="topics-list list-unstyled"><li component="category/topic"
class="category-item hover-parent" data-tid="7"><div class="d-flex p-0 col-12 col-lg-7"><div class="flex-grow-1"><h3
component="topic/header" class="title"><a class="text-reset" href="/topic/7/ferry-times">Ferry times</a></h3></div>
</div><div class="d-flex p-0 col-lg-5 col-12"><div class="meta stats d-none d-lg-grid col-6"><div class="stats-votes
card"><span class="fs-5" title="{votes}">{votes}</span></div><div class="stats-postcount card"><span class="fs-5"
title="{replies}">{replies}</span></div><div class="stats-viewcount card"><span class="fs-5" title="{views}">{views}
</span></div></div><div component="topic/teaser" class="meta teaser"><div class="lastpost"><div class="ps-2"><a
class="permalink text-muted timeago text-xs" href="/topic/7/ferry-times/{post}" title="{iso}" aria-label="Last
post"></a></div></div></div></div></li></ul>"""

BEFORE = {"posts": 40, "replies": 3, "views": 41, "post": 40, "last": "Mon Jan 08, 2024 9:24 am", "viewers": ""}
BEFORE |= {"day": "January 8, 2024", "iso": "2024-01-08T08:24:00.000Z", "votes": 2}
# what a visit of the crawler (or anyone) changes; a vote is no post
VISITED = BEFORE | {"views": 42, "viewers": " (2 Viewing)", "votes": 3}
NEW_POST = BEFORE | {"posts": 41, "replies": 4, "post": 41, "last": "Tue Jan 09, 2024 7:02 pm"}
NEW_POST |= {"day": "January 9, 2024", "iso": "2024-01-09T18:02:00.000Z"}


def signature(name: str, html: str, kind: str, values: dict[str, object]) -> str | None:
    links = preset(name)["links"]
    page = Selector(text=html.format(**values))
    found = [(link, "key") for link in select(page, links[kind])]
    assert len(found) == 1, (name, kind, found)
    (row,) = row_signatures(page, found, links.get(f"{kind}_row"), links.get(f"{kind}_activity", ()))
    return row


@pytest.mark.parametrize(
    ("name", "html", "kind"),
    [
        ("phpbb", PHPBB_BOARD, "board"),
        ("phpbb", PHPBB_THREAD, "thread"),
        ("mybb", MYBB_BOARD, "board"),
        ("mybb", MYBB_THREAD, "thread"),
        ("smf", SMF_BOARD, "board"),
        ("smf", SMF_THREAD, "thread"),
        ("discourse", DISCOURSE_THREAD, "thread"),
        ("nodebb", NODEBB_BOARD, "board"),
        ("nodebb", NODEBB_THREAD, "thread"),
    ],
    ids=[
        "phpbb-board",
        "phpbb-thread",
        "mybb-board",
        "mybb-thread",
        "smf-board",
        "smf-thread",
        "discourse-thread",
        "nodebb-board",
        "nodebb-thread",
    ],
)
def test_a_row_changes_with_a_new_post_and_not_with_a_visit(name: str, html: str, kind: str) -> None:
    before = signature(name, html, kind, BEFORE)
    assert before
    assert signature(name, html, kind, VISITED) == before
    assert signature(name, html, kind, NEW_POST) != before


@pytest.mark.parametrize("name", ["machina", "phpbb", "mybb", "smf", "spirit", "discourse", "nodebb"])
def test_the_forum_presets_list_threads_by_activity(name: str) -> None:
    """Each of these engines lists a board's threads by their last post, newest first (stickies aside), as its
    preset's comments cite; so a recrawl may stop at the first board page on which nothing changed."""
    assert preset(name)["links"]["threads_by_activity"] is True


def test_flarum_reads_post_anchors_and_dates_from_the_page_payload() -> None:
    """Flarum's no-JavaScript content has no post ids or dates: its JSON payload has each post's number and
    createdAt, paired with the articles in order (the fixture's second page of a discussion: post 21)."""
    fields = preset("flarum")["fields"]
    page = Selector(text=(FLARUM / "d-1-2.html").read_text(encoding="utf-8"))
    assert len(select(page, fields["post"])) == 1
    assert json_values.paired(page, fields["post_anchor"], 1) == ["post21"]
    assert json_values.paired(page, fields["posted_at"], 1) == ["2024-03-21T20:33:00+00:00"]


def test_a_flarum_row_changes_with_a_new_post(tmp_path: Path) -> None:
    """A Flarum listing row is only a title; its signature is the discussion's comment count, last post number and
    time from the index's payload: a new post changes that discussion's and no other."""
    links = preset("flarum")["links"]

    def signatures(folder: Path) -> list[str | None]:
        page = Selector(text=(folder / "index-1.html").read_text(encoding="utf-8"))
        found = [(link, "key") for link in select(page, links["thread"])]
        return row_signatures(page, found, links.get("thread_row"), links["thread_activity"])

    before = signatures(FLARUM)
    assert len(before) == 20 and all(before) and len(set(before)) == 20
    path = "/d/1-ferry-times-to-the-islands"
    with_new_post(FLARUM, tmp_path, path, "dewi", "The spring timetable is out.", "2024-03-22T09:00:00+00:00")
    after = signatures(tmp_path)
    assert after[0] != before[0] and after[1:] == before[1:]
    assert after[0] == "22 22 2024-03-22T09:00:00+00:00"


def test_flarum_follows_no_next_page_link_from_a_page_that_lists_nothing() -> None:
    """Flarum 2.x can print "Next Page »" past the last page of its index (its paging links are built from
    page[offset] while the controller reads page[number]): the preset follows the link only from a page that lists
    discussions or posts, so an empty page ends the walk."""
    next_page = preset("flarum")["links"]["next_page"]
    index = (FLARUM / "index-1.html").read_text(encoding="utf-8")
    assert len(select(Selector(text=index), next_page)) == 1
    start, end = index.index("<ul>"), index.index("</ul>") + len("</ul>")
    empty = index[:start] + "<ul></ul>" + index[end:]
    assert "Next Page" in empty and select(Selector(text=empty), next_page) == []
    discussion = (FLARUM / "d-1-1.html").read_text(encoding="utf-8")
    assert len(select(Selector(text=discussion), next_page)) == 1


@pytest.mark.parametrize(
    ("url", "thread"),
    [
        ("https://forum.example/index.php?topic=12.15#msg30", "https://forum.example/index.php?topic=12.0"),
        ("https://forum.example/index.php?board=3.20", "https://forum.example/index.php?board=3.0"),
        ("https://forum.example/viewtopic.php?t=1&start=15", "https://forum.example/viewtopic.php?t=1"),
        ("https://forum.example/showthread.php?tid=1&page=2", "https://forum.example/showthread.php?tid=1"),
        ("https://forum.example/index.php?topic=12.msg30#msg30", "https://forum.example/index.php?topic=12.msg30"),
    ],
)
def test_every_page_of_a_thread_gives_one_thread_url(url: str, thread: str) -> None:
    """SMF writes a page as the first item's place in the topic id (Sources/Subs.php constructPageIndex:
    ``topic=12.15``), phpBB and MyBB as a parameter of its own: a thread's pages, and their posts, are one thread."""
    assert unpaged_url(url) == thread
