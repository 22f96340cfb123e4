"""Line-level chrome: site furniture goes, article sentences that mention the same words stay."""

from __future__ import annotations

import pytest

from crawler.content.chrome_lines import cut_tail, is_chrome_line


@pytest.mark.parametrize(
    "line",
    [
        "【字体：大 中 小】 【打印】 【关闭】",
        "字号：默认 大 超大",
        "分享到：微信 微博 QQ空间",
        "扫描二维码",
        "在您的设备上浏览本页",
        "上一篇：市政府召开常务会议 下一篇：我市举行防汛演练 " + "很长的标题" * 12,
        "版权所有：天门市人民政府办公室 鄂ICP备05003305号",
        "主办单位：天门市人民政府办公室 承办单位：天门市大数据中心",
        "浏览次数：120",
        "当前位置：首页 > 新闻中心",
        "|",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "主办单位：市商务局",  # an event notice lists its organiser
        "企业负责人表示，将加快二维码溯源系统建设，推动产品质量全程可追溯，让消费者扫一扫就能看到产品的来龙去脉。",
        "3月3日上午，全区工业发展大会召开。",
    ],
)
def test_article_lines_stay(line: str) -> None:
    assert not is_chrome_line(line)


def test_related_reading_cuts_the_tail_only_late() -> None:
    body = ["第一段。", "第二段。", "第三段。", "相关阅读", "另一篇文章的标题"]
    assert cut_tail(body) == ["第一段。", "第二段。", "第三段。"]
    assert cut_tail(["相关阅读", "第一段。", "第二段。"]) == ["相关阅读", "第一段。", "第二段。"]


def test_damaged_print_button_with_leaked_markup_is_chrome() -> None:
    assert is_chrome_line('打?。?span id="printapp">')
    assert is_chrome_line("网站简介广告服务标识说明联系方式法律声明建议投诉")
