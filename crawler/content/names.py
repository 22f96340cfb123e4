"""Is this string a person's name? Chinese bylines carry no markup, so a name is 2–4 Han characters that start
with a known surname (or a common Tibetan/Uyghur/Mongolian given-name opening), or a ·-joined transliteration,
or a Latin user name (blogs). The surname table is data."""

from __future__ import annotations

from crawler import rx
from crawler.content.words import words

# The ~300 commonest single-character surnames (covering well over 95% of the population).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平"
    "计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公"
    "哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由风"
)
COMPOUND_SURNAMES = words(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 呼延 钟离 澹台 申屠"
)
# Openings of common minority given names used as full names in bylines (格桑边觉, 次仁罗布, 买买提…).
MINORITY_OPENINGS = words(
    "格桑 次仁 扎西 达瓦 尼玛 央金 德吉 卓玛 拉巴 旦增 白玛 索朗 普布 强巴 洛桑 多吉 边巴 米玛 "
    "阿布 买买 阿依 古丽 艾尼 努尔 热依 吐尔 巴特 乌兰 其其 那仁 斯琴 额尔 敖其 苏和 阿拉"
)
_HAN_NAME = rx.compile(r"^[\u4e00-\u9fff]{2,4}$")
_TRANSLIT = rx.compile(r"^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,12}$")
_LATIN = rx.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{2,24}$")
NOT_NAMES = words(
    "本报 本台 本网 记者 通讯员 编辑 作者 来源 报道 实习生 图文 综合 整理 供图 图片 网络 佚名 "
    "未知 管理员 本站 原创 转载 发布 责任编辑 责编 摄影 视频 通讯 全媒体 融媒体 见习 特约 首席 "
    "admin 全文 原文 详细 详情 更多 返回 阅读 查看"
)


def is_person_name(text: str) -> bool:
    if not text or text in NOT_NAMES:
        return False
    if _HAN_NAME.match(text):
        return text[0] in SURNAMES or text[:2] in COMPOUND_SURNAMES or text[:2] in MINORITY_OPENINGS
    return bool(_TRANSLIT.match(text) or _LATIN.match(text))
