"""Edit one ad of the filled django-classified site, or add one, through its own models; print its truth as JSON.

Run by the django-classified installation's Python (like ``classified_fill.py``):
``python classified_edit.py edit`` rewrites the description of the ad on top of the largest group's listing
(the one edited last, which an edit leaves on top) with ``save()``, so the engine stamps ``updated`` as a seller's
edit would, its title and price as they were: its row on the listing does not change. ``python classified_edit.py
add`` adds a new ad to the same group. ``python classified_edit.py age`` moves every ad's ``updated`` three days
back with a queryset ``update()`` (which bypasses ``auto_now``): the site as it looks days after its last edit,
when the sitemap's day-only ``lastmod`` of each ad lies in a day that has ended. Synthetic and clinical:
household goods.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta

import django

django.setup()

from django_classified.models import Group, Item  # noqa: E402


def main(action: str) -> None:
    if action == "age":
        aged = Item.objects.update(updated=datetime.now(UTC) - timedelta(days=3))
        json.dump({"aged": aged}, sys.stdout)
        return
    group = Group.objects.get(title="Furniture")
    top = Item.objects.filter(group=group, is_active=True).order_by("-updated").first()
    assert top is not None
    if action == "edit":
        item = top
        item.description = (
            f"{item.title} as new, with its original key.\nCollection from the Old Town library car park."
        )
        item.save()
    else:
        item = Item.objects.create(
            user=top.user,
            group=group,
            area=top.area,
            title="Oak footstool 35",
            price="12.50",
            description="Oak footstool barely used.\nCollection from the Riverside library car park, listing 35.",
        )
    truth = {
        "item_id": item.pk,
        "title": item.title,
        "text": item.description,
        "price": str(item.price),
        "currency": "EUR",
        "posted_at": item.posted.isoformat(),
        "location": item.area.title if item.area else None,
        "phone": item.user.profile.phone,
    }
    json.dump(truth, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
