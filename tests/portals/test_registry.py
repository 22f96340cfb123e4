"""The portal registry: every seed entry loads; bad entries fail with the file and field named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from crawler.portals.registry import RegistryError, load_registry, parse_portal, write_portal
from tests.conftest import FIXTURES, ROOT

SEED_PORTALS = {"tianmen", "haiying", "jsw", "xinhunan", "achie"}

GOOD = {
    "name": "demo_park",
    "site_name": "示范园区",
    "region": {"province": "湖北省", "city": "武汉市", "county": None},
    "allowed_domains": ["www.park.example.cn"],
    "start_urls": ["https://www.park.example.cn/news/"],
}


def test_registry_loads_every_portal_with_fixtures() -> None:
    portals = {p.name: p for p in load_registry(ROOT / "seeds")}
    assert set(portals) >= SEED_PORTALS
    for name, portal in portals.items():
        assert (FIXTURES / name).is_dir(), f"{name} has no fixtures"
        assert set(portal.region) == {"province", "city", "county"}
        assert portal.replay_only == (name.startswith("demo_") or name == "haiying")


def test_a_minimal_entry_is_enough() -> None:
    portal = parse_portal(GOOD, "seeds/demo_park.yaml")
    assert portal.cms is None and portal.max_list_pages == 5 and portal.article_urls == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "Bad Name"}, "name:"),
        ({"site_name": ""}, "site_name:"),
        ({"region": {"city": "武汉市"}}, "region: a city or county needs its province"),
        ({"region": {"province": 42}}, "region:"),
        ({"region": None}, "region:"),
        ({"allowed_domains": []}, "allowed_domains:"),
        ({"start_urls": ["ftp://www.park.example.cn/"]}, "is not an http(s) URL"),
        ({"start_urls": ["https://elsewhere.example.cn/"]}, "outside allowed_domains"),
        ({"cms": "wordpress"}, "cms: 'wordpress' is not one of"),
        ({"selectors": {"list": 3}}, "selectors:"),
        ({"politeness": {"speed": 1}}, "politeness: only"),
        ({"politeness": {"download_delay": -1}}, "non-negative"),
        ({"max_list_pages": 0}, "max_list_pages:"),
        ({"article_urls": ["/news/(\\d+"]}, "article_urls: '/news/(\\\\d+' is not a valid regex"),
        ({"replay_only": "yes"}, "replay_only:"),
        ({"colour": "red"}, "unknown keys ['colour']"),
    ],
)
def test_bad_entries_name_file_and_field(change: dict, message: str) -> None:
    with pytest.raises(RegistryError) as caught:
        parse_portal({**GOOD, **change}, "seeds/demo_park.yaml")
    assert str(caught.value).startswith("seeds/demo_park.yaml: ")
    assert message in str(caught.value)


def test_duplicate_names_and_broken_yaml(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(GOOD, allow_unicode=True), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(GOOD, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RegistryError, match="already used by"):
        load_registry(tmp_path)
    (tmp_path / "b.yaml").write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_registry(tmp_path)
    with pytest.raises(RegistryError, match="does not exist"):
        load_registry(tmp_path / "missing")


def test_write_portal_refuses_what_the_registry_would_refuse(tmp_path: Path) -> None:
    entry = {
        "name": "gen",
        "site_name": "生成门户",
        "allowed_domains": ["www.gen.gov.cn"],
        "start_urls": ["https://www.gen.gov.cn/xwzx/"],
        "region": {"province": "湖北省"},
    }
    assert write_portal(tmp_path, entry).name == "gen"
    assert [p.name for p in load_registry(tmp_path)] == ["gen"]
    with pytest.raises(RegistryError, match="outside allowed_domains"):
        write_portal(tmp_path, {**entry, "name": "bad", "start_urls": ["https://elsewhere.cn/"]})
    assert not (tmp_path / "bad.yaml").exists()
