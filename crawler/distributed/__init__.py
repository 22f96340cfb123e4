"""Distributed mode: many identical workers share one crawl through Redis (scrapy-redis underneath).

Setting ``REDIS_URL`` is the whole switch (see ``addon.DistributedAddon``). Module map:
``keys`` (Redis key names per run), ``masking`` (passwords kept out of logs), ``fleet`` (liveness, the
in-flight ledger and "is the whole fleet done?"), ``scheduler`` (the shared queue + dupefilter),
``seeding`` (start URLs enqueued once per run), ``feeds`` (per-worker feed files), ``pipelines``
(optional Redis list of items for a loader). docs/distributed.md explains the deployment.
"""
