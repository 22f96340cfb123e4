"""Fixture pages as the portal functions see them: a saved response plus its decoded markup."""

from __future__ import annotations

from crawler.replay_index import SavedResponse, load_saved
from tests.conftest import FIXTURES

# Which fixture portal carries which blocked answer (case folder ``blocked_<kind>``).
BLOCKED_FIXTURES = {
    "ruishu": "demo_trs",
    "wzws": "demo_trs",
    "soft404": "demo_hanweb",
    "jsl": "demo_founder",
    "login": "achie",
}


class Fixture(SavedResponse):
    @property
    def markup(self) -> str:
        # GBK fixtures (one with a lying utf-8 header) are decoded as their bytes really are.
        body = self.body()
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return body.decode("gb18030")


def fixture(portal: str, case: str) -> Fixture:
    saved = load_saved(FIXTURES / portal / case / "info.json")
    return Fixture(saved.url, saved.status, saved.headers, saved.body_path)
