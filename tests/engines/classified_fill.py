"""Fill a fresh django-classified site through its own models; print the ground truth as JSON.

Run by the django-classified installation's Python (``DJANGO_SETTINGS_MODULE`` set). The engine stamps
``Item.posted`` itself (``auto_now_add``); it is set afterwards with ``update()`` to spread the ads from minutes to
two years back, so the detail page's "Posted: … ago" (Django's ``timesince``) covers every unit. Synthetic and
clinical: household goods, bicycles and tutoring; invented sellers; phone numbers from the fictional
+1 555 01xx range. Its argument is the host and port the site is served on: the Django site's domain
(``django.contrib.sites``, as an operator sets it in the admin), from which ``sitemap.xml`` writes its URLs.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sites.models import Site  # noqa: E402
from django_classified.models import Area, Group, Item, Profile, Section  # noqa: E402

GROUPS = {"Household": ("Furniture", "Kitchen"), "Leisure": ("Bicycles", "Books"), "Services": ("Tutoring",)}
THINGS = {
    "Furniture": ("oak bookcase", "pine wardrobe", "folding table", "set of four chairs"),
    "Kitchen": ("toaster", "cast iron pan", "kettle", "bread maker"),
    "Bicycles": ("city bicycle", "child's bicycle", "bicycle trailer", "touring bicycle"),
    "Books": ("box of atlases", "cookbook collection", "encyclopaedia set", "crossword annuals"),
    "Tutoring": ("maths tutoring", "piano lessons", "chemistry revision", "Spanish conversation"),
}
STATES = ("in good condition", "barely used", "with minor scratches", "as new")
AREAS = ("Riverside", "Old Town", "Harbour District")
# Ages from minutes to years: timesince prints "12 minutes", "5 hours, 3 minutes", "2 weeks, 1 day", "1 year, 4 months".
AGES = (
    timedelta(minutes=12),
    timedelta(hours=5, minutes=3),
    timedelta(days=1, hours=2),
    timedelta(days=9, hours=7),
    timedelta(days=40),
    timedelta(days=200),
    timedelta(days=500),
)
ADS = 34  # four listing pages of 10 in the largest group


def main(domain: str) -> None:
    Site.objects.filter(pk=1).update(domain=domain, name="Lantern test classifieds")
    rng = random.Random(1212)
    now = datetime.now(UTC).replace(microsecond=0)
    areas = [Area.objects.create(slug=title.lower().replace(" ", "-"), title=title) for title in AREAS]
    groups = []
    for section_title, titles in GROUPS.items():
        section = Section.objects.create(title=section_title)
        groups += [Group.objects.create(title=title, section=section) for title in titles]
    sellers = []
    for n in range(5):
        user = get_user_model().objects.create_user(f"seller{n:02d}", f"seller{n:02d}@example.org", "x")
        Profile.objects.create(user=user, phone=f"+1 555 01{n:02d}" if n % 2 == 0 else None)
        sellers.append(user)
    truth = []
    for number in range(1, ADS + 1):
        group = groups[0] if number % 3 == 0 else groups[number % len(groups)]
        thing = rng.choice(THINGS[group.title])
        area = areas[number % 3] if number % 4 else None
        seller = sellers[number % 5]
        title = f"{thing.capitalize()} {number}"
        description = (
            f"{thing.capitalize()} {rng.choice(STATES)}.\n"
            f"Collection from the {rng.choice(AREAS)} library car park, listing {number}."
        )
        price = f"{rng.randrange(5, 400)}.{rng.choice(('00', '50', '95'))}"
        item = Item.objects.create(
            user=seller, group=group, area=area, title=title, description=description, price=price
        )
        posted = now - AGES[number % len(AGES)] - timedelta(minutes=number)
        Item.objects.filter(pk=item.pk).update(posted=posted)
        truth.append(
            {
                "item_id": item.pk,
                "title": title,
                "text": description,
                "price": price,
                "currency": "EUR",
                "posted_at": posted.isoformat(),
                "location": area.title if area else None,
                "phone": seller.profile.phone,
            }
        )
    json.dump(truth, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
