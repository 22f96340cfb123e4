"""Importing this module loads and warms every processing table (``crawler.processing.warm_up``).

The worker pool's fork server preloads it (crawler/workers.py): the tables are loaded once per crawl
process, and every worker, first or replacement, is a fork of a warm interpreter that starts in
milliseconds and shares the tables' pages until it writes to them. Nothing else should import it.
"""

from crawler.processing import warm_up

warm_up()
