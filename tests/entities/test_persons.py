from __future__ import annotations

from crawler.entities.persons import find_persons, read_name


def people(text: str) -> dict[str, dict]:
    return {p["name"]: p for p in find_persons(text)}


def test_titles_before_names_and_chains() -> None:
    found = people("区委书记李东成,区委副书记、区长张宏春分别讲话,区委副书记、盐城环保科技城党工委书记张利华出席。")
    assert list(found) == ["李东成", "张宏春", "张利华"]
    assert found["张宏春"]["titles"] == ["区委副书记", "区长"]
    assert found["张利华"]["titles"] == ["区委副书记", "盐城环保科技城党工委书记"]
    assert found["李东成"]["role"] == "official"


def test_names_are_whole_and_titles_are_not_inside() -> None:
    found = people("市委副书记、市委统战部部长巩海滨宣读表彰决定。市委常委、常务副市长秦海涛主持会议。")
    assert set(found) == {"巩海滨", "秦海涛"}


def test_a_list_of_names_shares_the_title() -> None:
    found = people("市领导金波、吴喜波、肖志豪、李璐、刘温东、李拓、高攀参加调研。")
    assert list(found) == ["金波", "吴喜波", "肖志豪", "李璐", "刘温东", "李拓", "高攀"]
    assert all(p["titles"] == ["市领导"] for p in found.values())


def test_bylines_photographers_editors() -> None:
    found = people("湖南日报2月16日讯(通讯员 段姝 曹丹)现场。马镇丹 谢道韫 摄\n责任编辑:龚逍遥 (记者 陈志奎)")
    assert {n: p["role"] for n, p in found.items()} == {
        "段姝": "reporter",
        "曹丹": "reporter",
        "龚逍遥": "editor",
        "陈志奎": "reporter",
        "马镇丹": "photographer",
        "谢道韫": "photographer",
    }


def test_interviewee_after_titles_and_colon() -> None:
    found = people("平凉工业园区(高新区)党工委书记、管委会主任马春宁:\n我们将以行动为抓手")
    assert found["马春宁"]["role"] == "interviewee"
    assert found["马春宁"]["titles"] == ["党工委书记", "管委会主任"]


def test_ordinary_words_are_not_names() -> None:
    text = "“十佳书记项目”和“书记项目特别奖”;推动制造业高端化、智能化;党的二十大精神;领导包企、部门帮企"
    assert find_persons(text) == []


def test_name_length_decided_by_what_follows() -> None:
    assert read_name("易先荣主持召开", 0) == "易先荣"
    assert read_name("郭建出席会议", 0) == "郭建"
    assert read_name("徐曙海作工作部署", 0) == "徐曙海"
    assert read_name("王凯说,", 0) == "王凯"
    assert read_name("项目特别奖", 0) is None


def test_dotted_names_and_names_before_their_title() -> None:
    found = people("自治区党委副书记、自治区主席艾尔肯·吐尼亚孜主持会议。在易先荣书记的带领下")
    assert list(found) == ["艾尔肯·吐尼亚孜", "易先荣"]


def test_a_preposition_after_a_title_is_not_a_surname() -> None:
    assert find_persons("专家和政协委员座谈") == []
    assert people("文/图 赵六")["赵六"]["role"] == "reporter"


def test_name_ends_where_a_dictionary_word_starts() -> None:
    assert read_name("张以民表态", 0) == "张以民"
    assert read_name("王伟表态", 0) == "王伟"


def test_untitled_speaker_at_a_sentence_start_and_more_bylines() -> None:
    found = people("项目顺利。王伟表示,今年收成好。来源:天门网  作者:张三  编辑:李四 审核:王五")
    assert {n: p["role"] for n, p in found.items()} == {
        "王伟": "interviewee",
        "张三": "reporter",
        "李四": "editor",
        "王五": "editor",
    }


def test_a_list_of_names_before_deng_and_a_title() -> None:
    found = people("签约仪式在产业园举行,罗建军、汤小敏、伍继承、义洁等县四大家领导出席。韩立新、茅春生等委员发言。")
    assert list(found) == ["罗建军", "汤小敏", "伍继承", "义洁", "韩立新", "茅春生"]
    assert found["韩立新"]["titles"] == ["委员"]
    # Without a title after 等 a list is only a list (项目、企业 …).
    assert people("新建汇川电子、盛达机械等12个项目") == {}


def test_deng_and_zai_end_a_name() -> None:
    found = people("长沙市副市长廖健等参加签约仪式。区委书记张笑在讲话中强调")
    assert list(found) == ["廖健", "张笑"]


def test_compound_surname_with_a_common_word_as_given_name() -> None:
    assert list(people("省政协副主席欧阳泽华出席活动。")) == ["欧阳泽华"]


def test_a_bare_name_at_a_sentence_start_before_an_official_act() -> None:
    assert list(people("会议通报了一季度工作。钟红宇出席对接会并讲话。")) == ["钟红宇"]


def test_titles_of_bodies_are_not_names() -> None:
    found = people("高新区党工委委员、纪工委书记、监察工委主任陈淑英,党组织书记谈落实")
    assert list(found) == ["陈淑英"]
    assert people("村民徐女士介绍,市民王先生说") == {}


def test_a_common_word_in_a_list_needs_more_than_the_list() -> None:
    assert list(people("研究院副院长季正平、原中央党校副校长李一鸣")) == ["季正平", "李一鸣"]


def test_a_bare_name_after_you_before_the_act() -> None:
    assert list(people("座谈会由王建新主持,由张强宣读表彰决定。经费由财政承担,由此可见")) == ["王建新", "张强"]
