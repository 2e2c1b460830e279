"""The JSON payload of the Flarum fixture pages (``engine_pages/flarum/``), as Flarum 2.x prints it for a guest.

The pages' ``<noscript id="flarum-content">`` copies were written from Flarum's views; this module adds the
``<script id="flarum-json-payload" type="application/json">`` that ``views/frontend/app.blade.php`` prints after
them (``@json($payload)``), built as flarum/framework 2.x 3b7b405 builds it:

- ``src/Frontend/Content/CorePayload.php``: ``resources`` (the forum resource and its included groups), ``session``
  (a guest: user 0), ``locales``, ``locale``; then ``src/Forum/Content/{Index,Discussion}.php``: ``apiDocument``;
- the index: the ``GET /discussions`` document (``DiscussionResource`` index, default include ``user``,
  ``lastPostedUser``, ``mostRelevantPost``, ``mostRelevantPost.user``; sort ``-lastPostedAt``; 20 a page);
- a discussion page: ``GET /discussions/{id}`` (its default include) with the posts of its included replaced by
  the page's ``GET /posts`` (``PostResource`` index: ``user``, ``user.groups``, ``editedUser``, ``hiddenUser``,
  ``discussion``) and their included, the discussion itself left out of included;
- each resource as ``src/Api/Serializer.php`` writes it (``type``, ``id``, ``links.self``, ``attributes``,
  ``relationships``: every to-one relationship with its linkage, to-many ones only when included or linked), the
  fields a guest may see in the order the resources declare them, dates ``DateTimeInterface::RFC3339`` in UTC;
- ``@json``: PHP's ``json_encode`` with ``JSON_HEX_TAG | JSON_HEX_APOS | JSON_HEX_AMP | JSON_HEX_QUOT`` (slashes
  and non-ASCII escaped too).

No extension is enabled (the pages show no tags). One place where the payload and the fixture's noscript copy
(kept as it was written) disagree: at 3b7b405 Index.php asks for ``page[number]``, which the discussion search
reads, but json-api-server's ``OffsetPagination`` builds ``meta`` and ``links`` from ``page[offset]``, which is not
sent, so every index page's payload has the links of the first (``next`` while fewer than all are shown, never
``prev``), and Flarum's own view, which prints its page links from these, would print "Next Page »" on the last
page too. The crawler does not read the payload's links.

The posts' dates are the truth's (``truth.json``); :func:`created_at` gave them. ``python -m
tests.crawler.flarum_pages`` writes the payloads into the pages and the dates into the truth again.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).with_name("engine_pages") / "flarum"
BASE = "https://forum.example"
PER_PAGE = 20
FORUM_TITLE = "Tiny Travel Club"
_BODY = re.compile(r'<div class="Post-body">\n {20}(.*?)\n {16}</div>\n {12}</article>', re.DOTALL)
_SCRIPT = re.compile(r'\n {8}<script id="flarum-json-payload" type="application/json">.*?</script>\n', re.DOTALL)
_HEX = {'"': "\\u0022", "'": "\\u0027", "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "/": "\\/"}
#: Flarum's four default groups (``migrations``: Admin, Guest, Member, Mod), as a guest sees them.
GROUPS = [
    ("1", "Admin", "Admins", "#B72A2A", "fas fa-wrench"),
    ("2", "Guest", "Guests", None, None),
    ("3", "Member", "Members", None, None),
    ("4", "Mod", "Mods", "#80349E", "fas fa-bolt"),
]


@dataclass
class Post:
    id: int
    number: int
    author: str
    created_at: str
    content_html: str


@dataclass
class Discussion:
    id: int
    slug: str
    title: str
    posts: list[Post] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/d/{self.slug}"


@dataclass
class Forum:
    discussions: list[Discussion]
    users: list[str]

    def user_id(self, name: str) -> int:
        return self.users.index(name) + 1

    def by_activity(self) -> list[Discussion]:
        return sorted(self.discussions, key=lambda d: d.posts[-1].created_at, reverse=True)


def created_at(discussion: int, number: int) -> str:
    """The synthetic UTC time of post ``number`` of discussion ``discussion``: the lower the discussion's id, the
    later its posts (so the index, by last post, lists them by id), 37 minutes between posts."""
    start = datetime(2024, 3, 22, 8, 0, tzinfo=UTC) - timedelta(days=discussion) + timedelta(minutes=13 * discussion)
    return (start + timedelta(minutes=37 * (number - 1))).isoformat()


def read_forum(folder: Path = FOLDER) -> Forum:
    """The discussions, posts and users of the fixture pages and their truth."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    dates = {(p["thread_path"], p["anchor"]): p["posted_at"] for p in truth["posts"]}
    discussions, users, post_id = [], [], 0
    for path, name in truth["pages"].items():
        if not path.startswith("/d/") or "?page=" in path:
            continue
        slug = path.removeprefix("/d/")
        ident = int(slug.split("-", 1)[0])
        discussion = Discussion(ident, slug, "", [])
        for page in range(1, 10):
            file = folder / name.replace("-1.html", f"-{page}.html")
            if not file.exists():
                break
            html = file.read_text(encoding="utf-8")
            discussion.title = re.search(r"<h1>(.*?)</h1>", html, re.DOTALL)[1].strip()  # type: ignore[index]
            authors = re.findall(r'<h3 class="PostUser-name">(.*?)</h3>', html)
            for author, body in zip(authors, _BODY.findall(html), strict=True):
                post_id += 1
                number = len(discussion.posts) + 1
                when = dates.get((path, f"post{number}")) or created_at(ident, number)
                discussion.posts.append(Post(post_id, number, author, when, body))
                users += [author] if author not in users else []
        discussions.append(discussion)
    return Forum(sorted(discussions, key=lambda d: d.id), users)


def encode(payload: Any) -> str:
    """``@json($payload)``: ``json_encode($payload, JSON_HEX_TAG | JSON_HEX_APOS | JSON_HEX_AMP | JSON_HEX_QUOT)``."""
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    return re.sub(r"\\.|[\'<>&/]", lambda m: _HEX.get(m[0].removeprefix("\\") if m[0] == '\\"' else m[0], m[0]), text)


def page_payload(forum: Forum, path: str) -> dict[str, Any]:
    """The payload of the page at ``path`` (``/``, ``/?page=2``, ``/d/1-slug``, ``/d/1-slug?page=2``)."""
    base, _, query = path.partition("?")
    page = int(query.removeprefix("page=")) if query else 1
    if base == "/":
        document = index_document(forum, page)
    else:
        discussion = next(d for d in forum.discussions if d.path == base)
        document = discussion_document(forum, discussion, page)
    return {**core_payload(), "apiDocument": document}


def core_payload() -> dict[str, Any]:
    forum = {
        "type": "forums",
        "id": "1",
        "links": {"self": "/forums/1"},
        "attributes": {
            "title": FORUM_TITLE,
            "description": "",
            "showLanguageSelector": True,
            "baseUrl": BASE,
            "basePath": "",
            "baseOrigin": BASE,
            "debug": False,
            "apiUrl": f"{BASE}/api",
            "welcomeTitle": f"Welcome to {FORUM_TITLE}",
            "welcomeMessage": "Enjoy your new forum! Hop over to discuss.flarum.org if you have any questions.",
            "themePrimaryColor": "#4D698E",
            "themeSecondaryColor": "#4D698E",
            "colorScheme": "auto",
            "logoUrl": None,
            "faviconUrl": None,
            "headerHtml": None,
            "footerHtml": None,
            "allowSignUp": True,
            "defaultRoute": "/all",
            "canViewForum": True,
            "canStartDiscussion": False,
            "canSearchUsers": False,
            "canCreateAccessToken": False,
            "moderateAccessTokens": False,
            "canEditUserCredentials": False,
            "assetsBaseUrl": f"{BASE}/assets",
            "jsChunksBaseUrl": f"{BASE}/assets/js",
        },
        "relationships": {
            "groups": {"data": [{"type": "groups", "id": g[0]} for g in GROUPS]},
            "actor": {"data": None},
        },
    }
    groups = [
        _resource(
            "groups",
            int(ident),
            {"nameSingular": one, "namePlural": many, "color": color, "icon": icon} | {"isHidden": False},
        )
        for ident, one, many, color, icon in GROUPS
    ]
    return {
        "resources": [forum, *groups],
        "session": {"userId": 0, "csrfToken": "synthetic0csrf0token0for0the0fixture000"},
        "locales": {"en": "English"},
        "locale": "en",
    }


def index_document(forum: Forum, page: int) -> dict[str, Any]:
    """``GET /discussions`` (sort ``-lastPostedAt``, ``page[number]``), as Index.php asks for it."""
    listed = forum.by_activity()
    shown = listed[(page - 1) * PER_PAGE : page * PER_PAGE]
    included: dict[str, dict[str, Any]] = {}
    data = []
    for discussion in shown:
        data.append(discussion_resource(forum, discussion, listing=True))
        for name in (discussion.posts[0].author, discussion.posts[-1].author):
            included.setdefault(f"users:{name}", user_resource(forum, name))
    # json-api-server's OffsetPagination reads page[offset], which Index.php does not send (it sends page[number],
    # which the search reads): meta and links are those of offset 0 on every page (see the module's docstring)
    total, count = len(listed), len(shown)
    links: dict[str, str] = {}
    if total > PER_PAGE:
        links["last"] = _api_url(page, (total - 1) // PER_PAGE * PER_PAGE)
    if count < total:
        links["next"] = _api_url(page, PER_PAGE)
    meta = {"page": {"total": total, "offset": 0, "limit": PER_PAGE}}
    return {
        "data": data,
        "included": list(included.values()),
        "meta": meta,
        "links": links,
        "jsonapi": {"version": "1.1"},
    }


def _api_url(page: int, offset: int) -> str:
    """A pagination link as OffsetPagination builds it from the internal request (``/discussions``, its query)."""
    return f"/discussions?page%5Bnumber%5D={page}&page%5Boffset%5D={offset}"


def discussion_document(forum: Forum, discussion: Discussion, page: int) -> dict[str, Any]:
    """``GET /discussions/{id}``, its included posts replaced by the page's (``GET /posts``), as Discussion.php does."""
    first, last = discussion.posts[0], discussion.posts[-1]
    shown = discussion.posts[(page - 1) * PER_PAGE : page * PER_PAGE]
    data = discussion_resource(forum, discussion, listing=False)
    own = [user_resource(forum, first.author, groups=True)]  # firstPost.user.groups
    if last.author != first.author:
        own.append(user_resource(forum, last.author))
    posts = [post_resource(forum, discussion, post) for post in shown]
    authors = list(dict.fromkeys(post.author for post in shown))
    users = [user_resource(forum, name, groups=True) for name in authors]
    return {"data": data, "included": [*own, *posts, *users], "jsonapi": {"version": "1.1"}}


def discussion_resource(forum: Forum, discussion: Discussion, listing: bool) -> dict[str, Any]:
    first, last = discussion.posts[0], discussion.posts[-1]
    relationships: dict[str, Any] = {
        "user": _one("users", forum.user_id(first.author)),
        "firstPost": _one("posts", first.id),
        "lastPostedUser": _one("users", forum.user_id(last.author)),
        "lastPost": _one("posts", last.id),
    }
    if not listing:
        relationships["posts"] = {"data": [{"type": "posts", "id": str(p.id)} for p in discussion.posts]}
    else:
        relationships["mostRelevantPost"] = {"data": None}
    relationships["hideUser"] = {"data": None}
    attributes = {
        "title": discussion.title,
        "slug": discussion.slug,
        "commentCount": len(discussion.posts),
        "participantCount": len({p.author for p in discussion.posts}),
        "createdAt": _rfc3339(first.created_at),
        "lastPostedAt": _rfc3339(last.created_at),
        "lastPostNumber": last.number,
        "canReply": False,
        "canRename": False,
        "canDelete": False,
        "canHide": False,
    }
    return _resource("discussions", discussion.id, attributes, relationships)


def post_resource(forum: Forum, discussion: Discussion, post: Post) -> dict[str, Any]:
    attributes = {
        "number": post.number,
        "createdAt": _rfc3339(post.created_at),
        "contentType": "comment",
        "contentHtml": post.content_html,
        "renderFailed": False,
        "editedAt": None,
        "canEdit": False,
        "canDelete": False,
        "canHide": False,
    }
    relationships = {
        "user": _one("users", forum.user_id(post.author)),
        "discussion": _one("discussions", discussion.id),
        "editedUser": {"data": None},
        "hiddenUser": {"data": None},
    }
    return _resource("posts", post.id, attributes, relationships)


def user_resource(forum: Forum, name: str, groups: bool = False) -> dict[str, Any]:
    ident = forum.user_id(name)
    posts = [p for d in forum.discussions for p in d.posts if p.author == name]
    started = [d for d in forum.discussions if d.posts[0].author == name]
    attributes = {
        "username": name,
        "displayName": name,
        "avatarUrl": None,
        "slug": name,
        "joinTime": _rfc3339(f"2024-01-{ident:02d}T10:00:00+00:00"),
        "discussionCount": len(started),
        "commentCount": len(posts),
        "lastSeenAt": _rfc3339(max(p.created_at for p in posts)),
        "canEdit": False,
        "canEditCredentials": False,
        "canEditGroups": False,
        "canDelete": False,
    }
    # members only: no group besides the implicit Member
    return _resource("users", ident, attributes, {"groups": {"data": []}} if groups else None)


def _resource(
    kind: str, ident: int, attributes: dict[str, Any], relationships: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A resource as src/Api/Serializer.php writes it: type, id, links.self, attributes, relationships."""
    resource = {"type": kind, "id": str(ident), "links": {"self": f"/{kind}/{ident}"}, "attributes": attributes}
    return resource | ({"relationships": relationships} if relationships is not None else {})


def _one(kind: str, ident: int | None) -> dict[str, Any]:
    return {"data": {"type": kind, "id": str(ident)} if ident is not None else None}


def _rfc3339(iso: str) -> str:
    """``format(DateTimeInterface::RFC3339)`` of a UTC time: ``2024-01-08T08:24:00+00:00``."""
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def with_payload(html: str, payload: dict[str, Any]) -> str:
    """The page with its payload script where app.blade.php prints it (after ``#alerts``), replacing one there."""
    html = _SCRIPT.sub("", html)
    script = f'<script id="flarum-json-payload" type="application/json">{encode(payload)}</script>'
    anchor = '        <div id="alerts"></div>\n'
    return html.replace(anchor, f"{anchor}\n        {script}\n", 1)


def write_pages(forum: Forum, source: Path, target: Path) -> None:
    """Every page of ``source`` with its payload, into ``target`` (which may be ``source``)."""
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    target.mkdir(parents=True, exist_ok=True)
    for path, name in truth["pages"].items():
        html = (source / name).read_text(encoding="utf-8")
        if path == "/" or path.startswith("/?page="):
            html = with_index_list(html, forum, int(path.partition("=")[2] or 1))
        (target / name).write_text(with_payload(html, page_payload(forum, path)), encoding="utf-8")
    if target != source:
        shutil.copy(source / "truth.json", target / "truth.json")


def with_index_list(html: str, forum: Forum, page: int) -> str:
    """The index page with its list of discussions as content/index.blade.php prints it for ``forum`` (by last post)."""
    shown = forum.by_activity()[(page - 1) * PER_PAGE : page * PER_PAGE]
    items = "".join(
        "        \n                    <li>\n"
        f'                <a href="{BASE}/d/{d.slug}">\n                    {escape(d.title)}\n                </a>\n'
        "            </li>\n"
        for d in shown
    )
    listing = f"\n    <ul>\n{items}        \n    </ul>\n"
    return re.sub(r"\n    <ul>\n.*?\n    </ul>\n", lambda _: listing, html, count=1, flags=re.DOTALL)


_AFTER_POST = "<hr>\n                    "


def article(post: Post) -> str:
    """A post as content/discussion.blade.php prints it (its indentation as in the fixture pages)."""
    return (
        "\n                            <article>\n"
        f'                                                <div class="PostUser"><h3 class="PostUser-name">'
        f"{post.author}</h3></div>\n"
        '                <div class="Post-body">\n'
        f"                    {post.content_html}\n"
        "                </div>\n"
        "            </article>\n\n"
        "            <hr>\n                    "
    )


def with_new_post(folder: Path, target: Path, path: str, author: str, text: str, when: str) -> Post:
    """The forum of ``folder`` in ``target`` after ``author`` replied ``text`` at ``when`` (UTC) to the discussion at
    ``path``, on its last page (which must have room): its article added, the index's lists (by last post) and
    every payload written again."""
    forum = read_forum(folder)
    discussion = next(d for d in forum.discussions if d.path == path)
    post_id = max(p.id for d in forum.discussions for p in d.posts) + 1
    post = Post(post_id, len(discussion.posts) + 1, author, when, f"<p>{text}</p>")
    discussion.posts.append(post)
    write_pages(forum, folder, target)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    page = (post.number - 1) // PER_PAGE + 1
    page_path = path if page == 1 else f"{path}?page={page}"
    file = target / truth["pages"][page_path]
    html = file.read_text(encoding="utf-8")
    last = html.rindex(_AFTER_POST) + len(_AFTER_POST)
    file.write_text(html[:last] + article(post) + html[last:], encoding="utf-8")
    return post


def main() -> None:
    """Write the payloads into the fixture pages and the posts' dates into truth.json."""
    forum = read_forum()
    write_pages(forum, FOLDER, FOLDER)
    truth = json.loads((FOLDER / "truth.json").read_text(encoding="utf-8"))
    dates = {(d.path, f"post{p.number}"): p.created_at for d in forum.discussions for p in d.posts}
    for post in truth["posts"]:
        post["posted_at"] = _rfc3339(dates[(post["thread_path"], post["anchor"])])
    (FOLDER / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
