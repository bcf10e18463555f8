"""English for Chinese names (kg.annotate.english): known parts translated, proper names romanised,
and no English at all for a bare proper name."""

from __future__ import annotations

import pytest

from kg.annotate.english import PARTS, english_name, romanise

# (name, its English or None, its romanisation)
NAMES = [
    # administrative units, after a proper name
    ("青海省", "Qinghai Province", "Qinghaisheng"),
    ("中卫市", "Zhongwei City", "Zhongweishi"),
    ("杭州市", "Hangzhou City", "Hangzhoushi"),  # 州 is not a unit after one character
    ("鸠江区", "Jiujiang District", "Jiujiangqu"),
    ("黔东南州", "Qiandongnan Prefecture", "Qiandongnanzhou"),
    ("和林格尔新区", "Helinge'er New Area", "Helinge'er Xinqu"),
    ("兴安盟", "Xing'an League", "Xing'anmeng"),
    ("宁夏回族自治区", "Ningxia Hui Autonomous Region", "Ningxiahuizuzizhiqu"),
    ("呼和浩特市", "Hohhot City", "Huhehaoteshi"),  # a well-known name
    # facilities
    ("和林格尔集群", "Helinge'er Cluster", "Helinge'er Jiqun"),
    ("韶关数据中心集群", "Shaoguan Data Center Cluster", "Shaoguan Shujuzhongxin Jiqun"),
    ("美团中卫数据中心", "Meituan Zhongwei Data Center", "Meituan Zhongwei Shujuzhongxin"),
    ("腾讯贵安七星数据中心", "Tencent Gui'an Qixing Data Center", "Tengxun Gui'an Qixing Shujuzhongxin"),
    ("庆阳智算中心", "Qingyang Intelligent Computing Center", "Qingyang Zhisuan Zhongxin"),
    ("西宁国家级互联网骨干直联点", "Xining National Internet Backbone Direct Connection Point",
     "Xining Guojiaji Hulianwang Gugan Zhiliandian"),
    ("国家算力枢纽节点", "National Computing Power Hub Node", "Guojia Suanli Shuniu Jiedian"),
    ("数据中心一期项目", "Data Center Phase 1 Project", "Shujuzhongxin Yiqi Xiangmu"),
    # firms, a branch in brackets
    ("宁夏西云数据科技有限公司", "Ningxia Xiyun Data Technology Co., Ltd.", "Ningxia Xiyun Shuju Keji Youxiangongsi"),
    ("中国移动（宁夏）", "China Mobile (Ningxia)", "Zhongguoyidong (Ningxia)"),
    ("中国电信（甘肃）庆阳算力中心", "China Telecom (Gansu) Qingyang Computing Power Center",
     "Zhongguodianxin (Gansu) Qingyang Suanli Zhongxin"),
    ("中国移动宁夏分公司", "China Mobile Ningxia Branch", "Zhongguoyidong Ningxia Fengongsi"),
    # government bodies: "<body> of <place>", the innermost place first
    ("庆阳市数据局", "Data Bureau of Qingyang City", "Qingyangshi Shuju Ju"),
    ("贵州省大数据发展管理局", "Big Data Development Administration of Guizhou Province",
     "Guizhousheng Da Shuju Fazhan Guanliju"),
    ("甘肃省工业和信息化厅", "Department of Industry and Information Technology of Gansu Province",
     "Gansusheng Gongye He Xinxihua Ting"),
    ("甘肃省庆阳市人民政府", "People's Government of Qingyang City, Gansu Province",
     "Gansusheng Qingyangshi Renminzhengfu"),
    ("和林格尔新区管委会", "Administrative Committee of Helinge'er New Area", "Helinge'er Xinqu Guanweihui"),
    # other bodies keep the Chinese order
    ("宁夏回族自治区大数据产业发展促进中心",
     "Ningxia Hui Autonomous Region Big Data Industry Development Promotion Center",
     "Ningxiahuizuzizhiqu Da Shuju Chanye Fazhan Cujin Zhongxin"),
    # events: ordinals, years, quotes dropped
    ("第二届“东数西算”产业发展大会", "2nd East Data West Computing Industry Development Conference",
     'Di\'erjie "Dongshu Xisuan" Chanye Fazhan Dahui'),
    ("首届数字中国建设峰会", "1st Digital China Construction Summit", "Shoujie Shuzi Zhongguo Jianshe Fenghui"),
    ("2024中国国际大数据产业博览会", "2024 China International Big Data Industry Expo",
     "2024 Zhongguo Guoji Da Shuju Chanye Bolanhui"),
    # policies
    ("宁夏算力网络建设指南", "Ningxia Computing Power Network Construction Guide",
     "Ningxia Suanli Wangluo Jianshe Zhinan"),
    ("中卫市算力产业发展三年行动方案",
     "Zhongwei City Computing Power Industry Development Three-Year Action Plan",
     "Zhongweishi Suanli Chanye Fazhan Sannian Xingdong Fang'an"),
    # common words, well-known names, short forms of the registry's places
    ("绿色", "Green", "Lüse"),
    ("北京", "Beijing", "Beijing"),
    ("美团", "Meituan", "Meituan"),
    ("清华大学", "Tsinghua University", "Qinghuadaxue"),
    ("宁夏大学计算机学院", "Ningxia University Computer College", "Ningxiadaxue Jisuanji Xueyuan"),
    ("香港", "Hong Kong", "Xianggang"),
    ("宁夏", "Ningxia", "Ningxia"),
    # bare proper names: no English, only the romanisation (apostrophes before a, o, e inside a word)
    ("西云", None, "Xiyun"),
    ("庆阳", None, "Qingyang"),
    ("西安", None, "Xi'an"),
    ("和林格尔", None, "Helinge'er"),
    ("女娲", None, "Nüwa"),
    ("AI", None, "AI"),
]


@pytest.mark.parametrize(("zh", "en", "pinyin"), NAMES, ids=[n[0] for n in NAMES])
def test_english_name_and_romanisation(zh, en, pinyin):
    assert english_name(zh) == en
    assert romanise(zh) == pinyin


def test_every_kind_of_part_is_covered():
    kinds = {kind for _, _, kind in PARTS}
    assert kinds == {"unit", "facility", "firm", "government", "body", "event", "policy", "word", "name"}
    names = [zh for zh, _, _ in PARTS]
    assert len(names) == len(set(names)), "a part is listed twice"


def test_well_known_names_are_not_duplicated_from_the_gazetteer():
    from kg.annotate.gazetteer import load_gazetteer

    known = {name for entry in load_gazetteer() for name in entry["names"]}
    assert not [zh for zh, _, kind in PARTS if kind == "name" and zh in known]


def test_a_headline_translates_only_if_every_part_is_known():
    assert english_name("绿色算力的青海实践") is not None  # some parts are known ...
    assert english_name("绿色算力的青海实践", whole=True) is None  # ... but not all
    assert english_name("国家算力枢纽节点", whole=True) == "National Computing Power Hub Node"


@pytest.mark.parametrize(("zh", "pinyin"), [
    ("贵安：从“山洞机房”到智算高地", 'Gui\'an: Cong "Shandong Jifang" Dao Zhisuan Gaodi'),
    ("绿色算力的青海实践", "Lüse Suanli De Qinghai Shijian"),
    ("中国移动（宁夏）", "Zhongguoyidong (Ningxia)"),
])
def test_romanised_punctuation_is_ascii(zh, pinyin):
    assert romanise(zh) == pinyin


@pytest.mark.parametrize(("zh", "pinyin"), [("王海燕", "Wang Haiyan"), ("欧阳文华", "Ouyang Wenhua"), ("李娜", "Li Na")])
def test_a_persons_name_is_surname_then_given_name(zh, pinyin):
    assert romanise(zh, person=True) == pinyin


def test_empty_and_odd_input():
    assert english_name("") is None
    assert romanise("") == ""
    assert english_name("（）") is None
