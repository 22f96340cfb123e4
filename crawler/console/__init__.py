"""The run console: a progress line per portal while a run goes on, one table for the run at the end.

People read the console; machines read the log file (``crawler/runlog.py``) and the stats JSON. Any
command can use the console, crawl or not (``scrapy crawl``/``crawlall`` through
``crawler/extensions/console.py``; a reprocessing command the same way). Its whole API::

    from crawler.console import PortalResult, RunConsole

    console = RunConsole()                 # stderr; redrawn in place on a terminal, plain lines elsewhere
    console.start("tianmen")               # one progress line per portal (or any unit of work)
    console.update("tianmen", stats)       # stats: a mapping of counters so far (Scrapy's, or your own)
    console.finish("tianmen", stats)       # its final line
    console.report([PortalResult("tianmen", stats, log="logs/tianmen/….log")], logs=["logs/tianmen/….log"])

A Scrapy command gets ``--verbose`` and the log routing (console for people, ``logs/<name>/<run>.log`` for
machines) by mixing in ``crawler.extensions.console.ConsoleCommand`` (``class Command(ConsoleCommand,
ScrapyCommand)``), then uses ``self.console.console`` (this ``RunConsole``) directly or
``self.console.attach(crawler)`` / ``self.console.report(crawlers)`` for crawls.

``RunConsole(stream=None, interval=60.0, live=None)``: ``stream`` defaults to ``sys.stderr`` (stdout stays
free for ``-O -`` feeds); ``live`` defaults to ``stream.isatty()``; off a terminal a running portal prints a
line every ``interval`` seconds. ``report`` stops the progress display, prints the table (a row per
result and a totals row), one ``FAILED <portal>: <monitor>: <figure>`` line per failed monitor (or
``Monitors: all passed``) and where the full logs are.

The table reads these stats, by prefix, so counters added later under a known prefix appear by themselves:
``portal/list_pages``; articles = ``item_scraped_count`` + ``pages_dropped``; ``items/new``,
``items/updated``, ``items/duplicate``; ``pages_dropped/<reason>``; ``lists/empty/<why>``;
``blocked/<kind>``, ``blocked/cooloff_skipped`` and ``cooloff/<host>/{until,strikes}``;
``errors/<cause>`` with ``errors/<cause>/<host>`` (labels in ``figures.ERROR_LABELS``);
``feeds/published`` (list of files) and ``monitors/failures`` (list of lines); ``reprocess/planned``, when a run
knows how many article pages it will process: ``x of N articles`` in the progress line, a ``planned`` column.
"""

from crawler.console.figures import PortalResult
from crawler.console.render import RunConsole

__all__ = ["PortalResult", "RunConsole"]
