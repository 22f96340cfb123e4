"""Importing this module loads and warms every processing table (``crawler.processing.warm_up``).

The worker pool's fork server preloads it (crawler/workers.py): the tables are loaded once per crawl
process, and every worker, first or replacement, is a fork of a warm interpreter that starts in
milliseconds and shares the tables' pages until it writes to them. Nothing else should import it.
"""

import contextlib
import gc

from crawler.logrelay import collect
from crawler.processing import warm_up

collect()  # what warming up logs (an unusable table cache, say) reaches the crawl's log with a worker's result

# A failure here would take the fork server down with a bare traceback; each worker warms up again
# (instantly when this worked) and reports a failure with its traceback, page by page, as an ERROR.
with contextlib.suppress(Exception):
    warm_up()

# Everything loaded so far (the tables above all) moves to the collector's permanent generation: a worker's
# collections never walk those objects, so the pages holding them stay shared with the fork server instead
# of being copied into every worker (Python's advice for fork without exec).
gc.freeze()
