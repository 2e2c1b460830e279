"""Scheduling crawl jobs: APScheduler 3.x with a persistent job store, a lease per source, and run history.

Modules: ``specs`` (parse --cron/--every/... into triggers), ``db`` (engine and Lantern's own tables next to the
job store), ``schedules`` (add/list/pause/resume/remove in the job store), ``lock`` (a lease per source),
``history`` (one record per schedule run), ``jobs`` (the job: one crawl subprocess), ``service`` (the
scheduler process and its heartbeat). See docs/SCHEDULING.md.
"""
