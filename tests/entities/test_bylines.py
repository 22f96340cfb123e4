from __future__ import annotations

from crawler.entities import analyse
from crawler.entities.bylines import merge_metadata


def test_metadata_bylines_and_source_join_the_entities() -> None:
    analysis = analyse("座谈会召开", "(全媒体记者王帅)市委书记易先荣主持召开座谈会。")
    merge_metadata(
        analysis,
        authors=["全媒体记者王帅", "通讯员 段姝 曹丹"],
        editors=["责编:杨雅婷"],
        photographers=["马镇丹"],
        source="冷水江新闻网",
    )
    roles = {p["name"]: p["role"] for p in analysis.entities["persons"]}
    assert roles == {
        "易先荣": "official",
        "王帅": "reporter",
        "段姝": "reporter",
        "曹丹": "reporter",
        "杨雅婷": "editor",
        "马镇丹": "photographer",
    }
    assert {"name": "冷水江新闻网", "kind": "media"} in analysis.entities["organizations"]


def test_nothing_is_added_twice_or_invented() -> None:
    analysis = analyse("", "来源:天门网 (记者 陈志奎)")
    merge_metadata(analysis, authors=["陈志奎", "本报讯"], source="天门网")
    assert [p["name"] for p in analysis.entities["persons"]] == ["陈志奎"]
    assert [o["name"] for o in analysis.entities["organizations"]] == ["天门网"]
