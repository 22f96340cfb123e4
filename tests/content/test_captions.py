"""Photo captions go to their image and leave the body; their photo credits go to the photographers; text that
only happens to follow a picture (a subhead, a short sentence) stays in the body."""

from __future__ import annotations

from crawler.content import extract_article

P1 = "3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，区四套班子领导出席会议。"
P2 = "李东成指出，区域发展，实体为基、项目为王、招商为要，必须强势推进，快速突破，久久为功。"
P3 = "会议还下发了《关于大力推进智能制造发展的实施意见》及相关政策文件，并为星级工业企业颁发了奖牌。"
IMG = "<img src='/pic/hy2018.jpg' width='600'>"


def extract(inner: str):
    html = (
        "<html><head><title>全区工业发展大会召开_亭湖区</title></head><body><h1>全区工业发展大会召开</h1>"
        f"<div class='TRS_Editor'><p>{P1}</p>{inner}<p>{P3}</p></div></body></html>"
    )
    return extract_article(html, url="https://www.example.gov.cn/xw/202403/t20240303_1.html")


def test_short_block_after_a_picture_is_its_caption() -> None:
    art = extract(f"<p>{IMG}</p><p>大会现场。</p><p>{P2}</p>")
    assert art.body.split("\n") == [P1, P2, P3]
    assert art.images == [{"url": "https://www.example.gov.cn/pic/hy2018.jpg", "caption": "大会现场。"}]


def test_caption_sharing_the_pictures_block_with_a_credit() -> None:
    art = extract(f"<p class='f_center'>{IMG}<br>图为大会现场。（李强摄）</p><p>{P2}</p>")
    assert art.body.split("\n") == [P1, P2, P3]
    assert art.images[0]["caption"] == "图为大会现场。（李强摄）"
    assert art.photographers == ["李强"]


def test_centred_bold_caption_after_a_picture() -> None:
    caption = "区四套班子领导出席会议并为获奖企业代表颁发奖牌，企业代表上台领奖"
    art = extract(f"<div style='text-align:center'>{IMG}</div><div style='text-align:center'><b>{caption}</b></div>")
    assert art.body.split("\n") == [P1, P3]
    assert art.images[0]["caption"] == caption


def test_figcaption() -> None:
    art = extract(f"<figure>{IMG}<figcaption>大会现场</figcaption></figure><p>{P2}</p>")
    assert (art.body.split("\n"), art.images[0]["caption"]) == ([P1, P2, P3], "大会现场")


def test_subheads_and_sentences_after_a_picture_stay() -> None:
    art = extract(
        f"<p>{IMG}</p><p><strong>聚焦项目建设</strong></p><p>{P2}</p>"
        f"<p>{IMG.replace('hy2018', 'hy2019')}</p><p>这也说明了问题。</p>"
        f"<p>{IMG.replace('hy2018', 'hy2020')}</p><p><span class='bjh-h3'>强化要素保障</span></p>"
    )
    assert art.body.split("\n") == [P1, "聚焦项目建设", P2, "这也说明了问题。", "强化要素保障", P3]
    assert [i["caption"] for i in art.images] == [None, None, None]


def test_a_picture_with_its_own_caption_slot_leaves_the_next_paragraph_alone() -> None:
    art = extract(f"<div class='img_wrapper'>{IMG}<span class='img_descr'></span></div><p>大会现场。</p>")
    assert art.body.split("\n") == [P1, "大会现场。", P3]
