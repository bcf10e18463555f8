"""kg annotate: the spaCy pipeline, its rules on sentences it never saw, its drafts, and its scores."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import kg
import kg.annotate.gazetteer
from kg.annotate import annotate, load_pipeline
from kg.annotate.extract import Sentence, find_figures, figure_date, pattern_mentions, sentence_date
from kg.annotate.gazetteer import SOURCES, load_gazetteer
from kg.annotations import AnnotatedArticle, Annotations, load_annotated, read_annotations
from kg.article import load_article, parse_article
from kg.cli import app
from kg.evaluate import evaluate
from kg.graph import build_graph
from kg.validate import validate

from .conftest import CORPUS

HELD_OUT = ["101_ningxia_zhongwei", "102_guizhou_guian", "103_gansu_qingyang"]


def test_the_pipeline_is_spacy_blank_chinese_with_registered_components():
    nlp = load_pipeline()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["kg_gazetteer", "kg_patterns", "kg_resolver", "kg_figures", "kg_relations"]
    assert nlp.tokenizer.segmenter == "char"
    assert [t.text for t in nlp.make_doc("青海省")] == ["青", "海", "省"]


def figures_in(text: str):
    sentence = Sentence(0, len(text), text)
    return [(f.text, f.value, f.unit, f.comparator, f.measure) for f in find_figures(sentence, text)]


@pytest.mark.parametrize("text, expected", [
    ("全市标准机架规模达9.3万架。", ("9.3万架", Decimal(93000), "rack", "eq", "rackCapacity")),
    ("机房年均PUE值1.2以下。", ("1.2以下", Decimal("1.2"), "unitless", "le", "powerUsageEffectiveness")),
    ("项目总投资约45亿元。", ("约45亿元", Decimal(4500000000), "yuan", "approx", "investment")),
    ("园区占地约450亩。", ("约450亩", Decimal(30), "hectare", "approx", "siteArea")),
    ("智能算力占比接近八成。", ("接近八成", Decimal(80), "percent", "approx", "intelligentComputingShare")),
    ("绿电占比四成出头。", ("四成出头", Decimal(40), "percent", "gt", "greenPowerShare")),
    ("绿电使用比例由去年的45%提高到今年上半年的63%。", ("63%", Decimal(63), "percent", "eq", "greenPowerShare")),
    ("新能源装机容量达到680万千瓦。", ("680万千瓦", Decimal(6800000), "kilowatt", "eq", "powerCapacity")),
    ("园区用电有六成来自风电。", ("六成", Decimal(60), "percent", "eq", "greenPowerShare")),
    ("智能算力占比超过70%。", ("超过70%", Decimal(70), "percent", "gt", "intelligentComputingShare")),
    ("机架规模是年初的2倍多。", ("2倍多", Decimal(2), "times", "gt", "rackCapacityGrowth")),
    ("来自各地的120多家企业参会。", ("120多家", Decimal(120), "count", "gt", "participantCount")),
    ("论坛吸引了300多名代表参加。", ("300多名", Decimal(300), "count", "gt", "participantCount")),
    ("算力规模超过1.2万PFlops。", ("超过1.2万PFlops", Decimal(12000), "PFlops", "gt", "computingPower")),
    ("当地年平均气温8.8摄氏度。", ("8.8摄氏度", Decimal("8.8"), "degreeCelsius", "eq", "annualMeanTemperature")),
    ("数据中心设计PUE不高于1.25。", ("不高于1.25", Decimal("1.25"), "unitless", "le", "powerUsageEffectiveness")),
    ("全年可利用自然冷源的时间超过300天。", ("超过300天", Decimal(300), "day", "gt", "freeCoolingDays")),
    ("一年中超过300天可以直接利用自然冷源。", ("超过300天", Decimal(300), "day", "gt", "freeCoolingDays")),
    ("一年中有200天以上可以直接引入室外冷空气。", ("200天以上", Decimal(200), "day", "ge", "freeCoolingDays")),
])
def test_figures_numbers_units_multipliers_and_qualifiers(text, expected):
    assert expected in figures_in(text)


def test_a_range_is_two_figures_with_the_whole_range_as_evidence():
    assert figures_in("新建机房年均PUE控制在1.15至1.2之间。") == [
        ("1.15至1.2之间", Decimal("1.15"), "unitless", "ge", "powerUsageEffectiveness"),
        ("1.15至1.2之间", Decimal("1.2"), "unitless", "le", "powerUsageEffectiveness")]


def test_no_figure_where_there_is_only_a_date_or_a_counting_word():
    assert figures_in("2024年5月，一台台服务器运行着。") == []


@pytest.mark.parametrize("text, expected", [
    ("标准于2024年1月28日起实施。", "2024-01-28"),
    ("截至2024年底，全省已建成机架。", "2024-12-31"),
    ("2023年9月，大会在贵阳市举行。", "2023-09"),
    ("这一年的工作。", None),
])
def test_dates_are_normalised(text, expected):
    assert sentence_date(text) == expected


def test_a_target_year_dates_the_figure_after_it():
    body = "2024年5月，市里发布方案，提出到2027年绿电使用比例提高到80%。"
    assert figure_date(body, body.index("80%")) == "2027"


def names_in(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in pattern_mentions(text)}


def test_suffix_rules_generalise_to_names_never_seen():
    text = "湖北省武汉市经济和信息化局发布《武汉市算力基础设施建设行动方案》，武汉人工智能计算中心落户东湖高新区。"
    found = names_in(text)
    assert {("湖北省", "Province"), ("武汉市", "City"), ("武汉市经济和信息化局", "GovernmentBody"),
            ("武汉市算力基础设施建设行动方案", "Plan"), ("武汉人工智能计算中心", "DataCenter")} <= found


def test_words_that_only_look_like_names_are_not_taken():
    found = names_in("多位省级领导深入市场一线，积极布局智慧城市，显示着全省的网络状况。")
    assert not {kind for _, kind in found} & {"Province", "City", "GovernmentBody"}


def test_firms_from_enumerations_branches_and_owners():
    found = names_in("浪潮、字节跳动、中科曙光等企业签约入驻，中国电信（甘肃）和快手乌兰察布数据中心投运。")
    assert {("浪潮", "Firm"), ("字节跳动", "Firm"), ("中科曙光", "Firm"), ("中国电信（甘肃）", "Firm"),
            ("中国电信", "Firm")} <= found


def test_people_by_their_cues():
    found = names_in("本报记者赵明\n数据局局长王建军介绍，要落实习近平总书记的要求。")
    assert {("赵明", "Person"), ("王建军", "Person"), ("习近平", "Person")} <= found


@pytest.mark.parametrize("text, person", [
    ("数据中心运维主管杜海涛一边查看屏幕一边介绍。", "杜海涛"),  # a title, then 一边……一边……介绍
    ("市数据局局长普立新介绍，园区已投运。", "普立新"),  # between a title and a cue, a surname the list lacks
    ("新华社西宁11月2日电（记者卓玛）初冬的西宁，寒意渐浓。", "卓玛"),  # a byline in brackets
    ("达茂旗人民政府副旗长额尔敦巴图告诉记者，项目进展顺利。", "额尔敦巴图"),  # a five-character Mongolian name
    ("在黔江区大数据发展局局长李春燕看来，数据中心大有可为。", "李春燕"),  # 在……看来: a view is a cue too
    ("巴彦淖尔市数据局局长白永胜接受了记者采访。", "白永胜"),  # an interview is a cue
])
def test_people_of_unseen_shapes(text, person):
    assert (person, "Person") in names_in(text)


def test_no_person_where_a_title_is_part_of_other_words():
    found = names_in("在吉林省长春市，记者了解到，园区已投运。")
    assert not {name for name, kind in found if kind == "Person"}


# Failure classes seen on unseen text: each row is a sentence of its own (none from an article kg is scored on),
# the names the draft must find, and the names it must not make.
@pytest.mark.parametrize("text, present, absent", [
    # universities, academies and their institutes
    ("清华大学与中国科学院计算技术研究所联合攻关。",
     {("清华大学", "ResearchInstitute"), ("中国科学院计算技术研究所", "ResearchInstitute")}, set()),
    # composite economic regions
    ("成渝地区双城经济圈和粤港澳大湾区的企业前来洽谈。",
     {("成渝地区双城经济圈", "EconomicRegion"), ("粤港澳大湾区", "EconomicRegion")}, set()),
    # long names of government bodies; a government's committee is a government body
    ("内蒙古自治区发展和改革委员会与上海市经济和信息化委员会签署协议。",
     {("内蒙古自治区发展和改革委员会", "GovernmentBody"), ("上海市经济和信息化委员会", "GovernmentBody")}, set()),
    # a person introduced after the title, speaking a little later
    ("市数据局副局长陈立军在发布会上说，项目进展顺利。", {("陈立军", "Person")}, set()),
    # generic phrases and anaphora are not named facilities
    ("新建数据中心PUE不高于1.2，上述数据中心全部使用绿电。", set(),
     {("新建数据中心", "DataCenter"), ("上述数据中心", "DataCenter")}),
    # a count of operators is not a region or a firm's name
    ("中国移动、中国电信、中国联通三家运营商均在长三角三省布局。",
     {("中国移动", "Firm"), ("中国电信", "Firm"), ("中国联通", "Firm")}, {("长三角三省", "Province")}),
    # a verb before a name is not part of it
    ("当地携手华为共建人工智能创新中心。", {("华为", "Firm")}, {("携手华为共建人工智能创新中心", "ResearchInstitute")}),
    # a verb or a preposition and a bare kind word make no name
    ("学院正与江城云数科技有限公司筹建联合实验室，全市正以算力中心为支点。", {("江城云数科技有限公司", "Firm")},
     {("江城云数科技有限公司筹建联合实验室", "ResearchInstitute"), ("全市正以算力中心", "DataCenter")}),
    # common words jieba's dictionary tags as places
    ("机房用湖水冷却，临湖而建，当地日照充足，是全国算力重镇，企业扎根于此。", set(),
     {("湖水", "City"), ("临湖", "City"), ("日照", "City"), ("重镇", "City"), ("扎根", "City")}),
    # a prefecture still called 地区 and its 行政公署; a city named as its province is a city of its own
    ("塔城地区行政公署与吉林省吉林市签约。", {("塔城地区", "Prefecture"), ("塔城地区行政公署", "GovernmentBody"),
                                             ("吉林市", "City")}, {("塔城", "City")}),
    # regions of the world; a word of time or a preposition before a kind word makes no name
    ("项目面向东南亚和中亚，届时绿能数据中心扩容，风在沙漠里吹。", {("东南亚", "GeographicRegion"), ("中亚", "GeographicRegion"),
                                                         ("绿能数据中心", "DataCenter")},
     {("届时绿能数据中心", "DataCenter"), ("风在沙漠", "GeographicRegion")}),
    # a part of a province by the province's one-character name and a direction (not 京东 the firm, 陕西 the province)
    ("梅州打造粤东北绿色算力承载区，黔江是渝东南地区首个试点，京东在陕北建设，陕西省发布方案。",
     {("粤东北", "GeographicRegion"), ("陕北", "GeographicRegion"), ("京东", "Firm"), ("陕西省", "Province")},
     {("京东", "GeographicRegion"), ("东南地区", "City")}),
    # a subsidiary after 下属; two buildings of a kind are no name; a verb before a name; a university's campus
    ("这个由晋能控股集团下属晋能数智科技有限公司投资运营的园区开园，产业园的两栋数据中心楼已经拔地而起。",
     {("晋能数智科技有限公司", "Firm"), ("晋能控股集团", "Firm")},
     {("晋能控股集团下属晋能数智科技有限公司", "Firm"), ("两栋数据中心", "DataCenter")}),
    ("这套沉浸式体验出自宋韵开封文旅数字平台，为它提供用户的是南开大学津南校区。",
     {("宋韵开封文旅数字平台", "Facility"), ("南开大学津南校区", "ResearchInstitute")},
     {("这套沉浸式体验出自宋韵开封文旅数字平台", "Facility"), ("津南校区", "AdministrativeRegion")}),
    # a river's basin and an island are regions; countries of any length; an adverb or a verb opens no name
    ("用电来自清江流域的水电，仅烟店镇就有千家企业，公司协调国网聊城供电公司建设线路，随着天府数据中心集群扩容，"
     "秀山岛和哈萨克斯坦、乌兹别克斯坦的企业参会。",
     {("清江流域", "GeographicRegion"), ("烟店镇", "AdministrativeRegion"), ("国网聊城供电公司", "Firm"),
      ("天府数据中心集群", "DataCenter"), ("秀山岛", "GeographicRegion"), ("哈萨克斯坦", "Country"),
      ("乌兹别克斯坦", "Country")},
     {("仅烟店镇", "AdministrativeRegion"), ("协调国网聊城供电公司", "Firm"), ("随着天府数据中心集群", "DataCenter")}),
    # a league of Inner Mongolia, a plain; a negation or a firm acting for a bare kind word makes no name
    ("阿拉善盟行政公署举办论坛，巴彦淖尔并不是国家算力枢纽节点。三方将共建三江平原寒地粮食大数据中心，"
     "中国电信（重庆）长寿分公司为智算中心建成了专线。",
     {("阿拉善盟", "Prefecture"), ("三江平原", "GeographicRegion"), ("中国电信（重庆）长寿分公司", "Firm")},
     {("不是国家算力枢纽节点", "Facility"), ("中国电信（重庆）长寿分公司为智算中心", "DataCenter")}),
    # a project named by its place is a facility; a kind of project is none
    ("淮安盐穴储能算力一体化项目签约，多地建设风光储一体化项目。", {("淮安盐穴储能算力一体化项目", "Facility")},
     {("风光储一体化项目", "Facility")}),
    # a high-tech development zone by its full name is a park firms and facilities are in (its short form 高新区 a district)
    ("婺城智算中心坐落在金华高新技术产业开发区，金华高新区管委会负责招商。",
     {("金华高新技术产业开发区", "IndustrialPark"), ("金华高新区", "AdministrativeRegion")}, set()),
    # a title after the body's name is not part of the name; an autonomous prefecture of two ethnic groups
    ("海西蒙古族藏族自治州文化和旅游局局长王海说，游客增多。",
     {("海西蒙古族藏族自治州", "Prefecture"), ("王海", "Person")}, {("蒙古族藏族自治州", "Prefecture")}),
    # a metropolitan area (都市 is a word: no city 武汉都市), its city opening its name
    ("中心将重点服务武汉都市圈和南京都市圈的企业。",
     {("武汉都市圈", "EconomicRegion"), ("南京都市圈", "EconomicRegion"), ("武汉", "City")}, {("武汉都市", "City")}),
    # a region of the world inside a country's name is none; a country before a foreign city is no part of its name
    ("越南、马来西亚等国的企业参会，专线接入越南芒街市的通信枢纽。",
     {("马来西亚", "Country"), ("越南", "Country"), ("芒街市", "City")}, {("西亚", "GeographicRegion"), ("越南芒街市", "City")}),
    # the short name a text gives without quotes is the firm's (以下简称 is no part of it)
    ("江西锂辰新能源集团有限公司（以下简称锂辰集团）成立。锂辰集团总经理王立说，进展顺利。",
     {("江西锂辰新能源集团有限公司", "Firm")}, {("以下简称锂辰集团", "Firm"), ("锂辰集团", "Firm")}),
    # 日 of 日照 and 日喀则 opens a name, no date; 抚松 (a verb to jieba) is a place the text names; 算力服务中心
    ("2024年，日照经济技术开发区与日喀则经济开发区签约，抚松绿色算力数据中心在抚松经济开发区破土动工，沙河算力服务中心投运。",
     {("日照经济技术开发区", "IndustrialPark"), ("日喀则经济开发区", "IndustrialPark"), ("抚松绿色算力数据中心", "DataCenter"),
      ("沙河算力服务中心", "DataCenter")}, {("沙河算力服务中心", "GovernmentBody")}),
    # a four-character name after a title at the end of a sentence; 东西 (a thing) is no place
    ("记者专访了青海高原云数科技有限公司总经理扎西多杰。扎西多杰说，这是企业用得起的东西。局长参加会议。",
     {("扎西多杰", "Person")}, {("扎西", "City"), ("东西", "City"), ("参加会议", "Person")}),
    # one department of two portfolios; a prefecture's office after the full address starts at the prefecture
    ("大会由内蒙古自治区兴安盟行政公署和内蒙古自治区政务服务与数据管理局主办，云南省文化和旅游厅协办。",
     {("兴安盟行政公署", "GovernmentBody"), ("内蒙古自治区政务服务与数据管理局", "GovernmentBody"),
      ("云南省文化和旅游厅", "GovernmentBody")}, {("数据管理局", "GovernmentBody"), ("内蒙古自治区兴安盟行政公署", "GovernmentBody")}),
    # a year and 台州 (no count of machines); a verb before a quoted name, and a preposition, are none of a name
    ("由台州市人民政府主办的2025台州民营经济数字化转型大会召开，该企业用十年时间打造出“台州智造云”工业互联网平台，泰州将以智算平台上线为契机。",
     {("2025台州民营经济数字化转型大会", "Conference"), ("“台州智造云”工业互联网平台", "Facility")},
     {("以智算平台", "Facility"), ("十年时间打造出“台州智造云”工业互联网平台", "Facility")}),
    # 七 of 七台河 is no count; a verb before the place that opens a name is none of it; a list's batch in brackets is
    # no firm's branch; a firm's department named after a kind of facility is no facility
    ("七台河市人民政府与深圳云岭数据科技有限公司签约，建设七台河龙煤算力产业园。中心委托安徽皖临数字科技有限公司运营，"
     "绿电来自同属阜阳市的阜南县。项目入选《安徽省算力发展示范项目名单（第一批）》。中国联通（四川）数据中心事业部总经理王强说，很好。",
     {("七台河市人民政府", "GovernmentBody"), ("七台河龙煤算力产业园", "IndustrialPark"), ("安徽皖临数字科技有限公司", "Firm"),
      ("阜阳市", "City")},
     {("委托安徽皖临数字科技有限公司", "Firm"), ("同属阜阳市", "City"), ("名单（第一批）", "Firm"),
      ("中国联通（四川）数据中心", "DataCenter")}),
    # 万山区 (jieba's 万 / 山区, 万山 a place) is a district, 周边山区 none; （集团） inside a firm's legal name; 县域 in an
    # event's name
    ("铜仁市万山区人民政府与重庆合川城市建设投资（集团）有限公司签约，周边山区受益。首届湘西南县域电商与算力协同发展大会召开。",
     {("万山区", "AdministrativeRegion"), ("重庆合川城市建设投资（集团）有限公司", "Firm"),
      ("首届湘西南县域电商与算力协同发展大会", "Conference")},
     {("周边山区", "AdministrativeRegion"), ("投资（集团）有限公司", "Firm"), ("电商与算力协同发展大会", "Conference")}),
    # no district of A、B等区 or of a common word and 产区; an adverb before a speech cue is no part of the name
    ("支持昌平、海淀、朝阳等区建设。萝北县是重要的石墨产区。公司董事长孙鹏则表示，公司已签约。园区是首个数字经济园区。",
     {("孙鹏", "Person")}, {("朝阳等区", "AdministrativeRegion"), ("石墨产区", "AdministrativeRegion"), ("孙鹏则", "Person"),
                          ("数字经济园区", "IndustrialPark")}),
    # jieba's 昌都 / 市卡若区: the city and its district; a cross-border data port; a country before cities of a list
    ("在西藏自治区昌都市卡若区，中越跨境数据港开工，中心已为缅甸曼德勒、腊戍等地的企业服务。",
     {("昌都市", "City"), ("卡若区", "AdministrativeRegion"), ("中越跨境数据港", "DataCenter"), ("缅甸", "Country"),
      ("曼德勒", "EconomicRegion")}, {("市卡若区", "AdministrativeRegion"), ("缅甸曼德勒", "EconomicRegion")}),
    # 和 of a firm's legal name (新希望六和); a scenic area; no name of a count (一块地建数据中心)
    ("区政府与新希望六和股份有限公司签约，平台覆盖黄山风景区，比新征一块地建数据中心成本低。",
     {("新希望六和股份有限公司", "Firm"), ("黄山风景区", "GeographicRegion")},
     {("股份有限公司", "Firm"), ("比新征一块地建数据中心", "DataCenter")}),
    # a university's campus in brackets is the university's, no firm's branch
    ("哈尔滨工业大学（威海）与威海蓝海数智科技有限公司签署协议。",
     {("哈尔滨工业大学（威海）", "ResearchInstitute"), ("哈尔滨工业大学", "ResearchInstitute")},
     {("哈尔滨工业大学（威海）", "Firm")}),
    # power stations of any kind, hospitals, aid headquarters; a generic station (梯级水电站, 专用变电站) is no name
    ("与中心配套的色尼区光伏储能电站装机容量20兆瓦，境内梯级水电站密布，公司为中心建设了专用变电站。"
     "中心承接那曲市人民医院的业务。北京市援疆和田指挥部副指挥陈晓东说，项目进展顺利。",
     {("色尼区光伏储能电站", "Facility"), ("那曲市人民医院", "Organization"), ("北京市援疆和田指挥部", "GovernmentBody"),
      ("陈晓东", "Person")},
     {("梯级水电站", "Facility"), ("专用变电站", "Facility"), ("水电站", "Facility")}),
    # 都 inside a name that jieba splits off (玉 / 都, 林 / 都), not the adverb (企业都) nor a nickname (稀土之都)
    ("由新疆玉都光算科技有限公司负责建设运营，伊春林都冷数据中心于2023年投运，很多企业都把数据中心建在稀土之都办起的算力大会旁。",
     {("新疆玉都光算科技有限公司", "Firm"), ("伊春林都冷数据中心", "DataCenter")},
     {("光算科技有限公司", "Firm"), ("稀土之都办起的算力大会", "Conference")}),
    # a list's name holds its batch (首批); a data centre inside a list's name is no facility; a policy's list named by
    # a bare word is no name
    ("伊春林都冷数据中心入选黑龙江省首批省级绿色数据中心名单，随后入选贵州省绿色数据中心名单，已被列入该方案首批重点项目清单。",
     {("黑龙江省首批省级绿色数据中心名单", "Program"), ("贵州省绿色数据中心名单", "Program")},
     {("贵州省绿色数据中心", "DataCenter"), ("方案首批重点项目清单", "Program"), ("首批重点项目清单", "Program")}),
    # prefectures by their everyday short names (巴州 of 巴音郭楞蒙古自治州, one entity); national parks, computing stations;
    # a verb of staying (常驻) or a prefecture's seat (首府) opens no place's name
    ("巴州出台算力新政。新疆维吾尔自治区巴音郭楞蒙古自治州发布行动计划。神农架生态监测算力站建在神农架国家公园旁，团队已经常驻木鱼镇。"
     "推介会在克州首府阿图什市举行。",
     {("巴音郭楞蒙古自治州", "Prefecture"), ("神农架生态监测算力站", "DataCenter"), ("神农架国家公园", "GeographicRegion"),
      ("木鱼镇", "AdministrativeRegion"), ("克州", "Prefecture"), ("阿图什市", "City")},
     {("巴州", "Prefecture"), ("常驻木鱼镇", "AdministrativeRegion"), ("首府阿图什市", "City")}),
    # a city before a bracketed place opens a facility's name, no firm's branch (聊城（临清）)
    ("位于临清经济开发区的聊城（临清）工业互联网算力中心投运。",
     {("聊城（临清）工业互联网算力中心", "DataCenter")}, {("聊城（临清）", "Firm"), ("聊城", "Firm")}),
    # a list of industries before 等企业 (钢铁、化工、物流) names no firm; a list with one firm's name does
    ("为港区内钢铁、化工、物流等企业提供算力。华为、小米等企业入驻。",
     {("华为", "Firm")}, {("钢铁", "Firm"), ("化工", "Firm"), ("物流", "Firm")}),
    # a county's industrial cluster zone is a park, named by the county, not the city before it; the 主人 (owner) of a park opens no firm's name
    ("位于驻马店市遂平县产业集聚区的县级算力中心投运。园区的主人山西金岚焦化集团有限公司是当地一家焦化企业。",
     {("遂平县产业集聚区", "IndustrialPark"), ("山西金岚焦化集团有限公司", "Firm")},
     {("主人山西金岚焦化集团有限公司", "Firm"), ("驻马店市遂平县产业集聚区", "IndustrialPark")}),
    # a district after its city's 市, though its stem ends like 主城区; named again alone, still a district
    ("记者沿着福建省宁德市蕉城区漳湾镇的临港大道前行。第二届闽东经济发展论坛在蕉城区举行。",
     {("蕉城区", "AdministrativeRegion"), ("漳湾镇", "AdministrativeRegion")}, set()),
    # a preposition before a facility, a verb and 在 before a place, 的 before a person: none of the name
    ("县里成立了服务专班，为京涞灾备数据中心二期办理手续。项目为何选在凉州？如今已是公司董事长的王建平说。",
     {("京涞灾备数据中心", "DataCenter"), ("王建平", "Person")},
     {("为京涞灾备数据中心", "DataCenter"), ("为何选在凉州", "Prefecture"), ("何选在凉州", "City"), ("的王建平", "Person")}),
    # （以下简称X）: X is the firm's short name, and 子公司 (a subsidiary) ends no firm's name
    ("酒泉钢铁（集团）有限责任公司（以下简称酒钢集团）投资建设酒钢绿色算力中心。酒钢集团全资子公司甘肃酒钢数智科技有限公司负责运营。",
     {("酒泉钢铁（集团）有限责任公司", "Firm"), ("甘肃酒钢数智科技有限公司", "Firm")},
     {("下简称酒钢集团", "Firm"), ("酒钢集团全资子公司", "Firm")}),
    # China's rivers, mountains and lakes are known places (general geography), and none is part of a place before it
    ("阿坝岷江绿色数据中心位于岷江沿岸。大别山水电算力中心开工。丹东鸭绿江畔的数据中心投运。",
     {("岷江", "GeographicRegion"), ("大别山", "GeographicRegion"), ("鸭绿江", "GeographicRegion")}, set()),
    # a border economic cooperation zone and an industry's development zone are parks facilities are in
    ("这座数据中心位于二连浩特边境经济合作区，总投资约8.5亿元。算力中心选址汝州市先进制造业开发区。",
     {("二连浩特边境经济合作区", "IndustrialPark"), ("先进制造业开发区", "IndustrialPark")},
     {("二连浩特边境经济合作区", "AdministrativeRegion")}),
    # a firm's two-character name inside a longer word is none (金山 of 紫金山)
    ("紫金山金铜矿是我国重要的铜矿，紫金山数字化中心建成后服务矿山。", set(), {("金山", "Firm")}),
    # a verb of a firm's business before a kind word (专门从事, 主营) is no part of a name
    ("这家公司是贵州首家专门从事洞库数据中心建设的企业，主营数据中心投资运营。", set(),
     {("贵州首家专门从事洞库数据中心", "DataCenter"), ("主营数据中心", "DataCenter")}),
    # 建 (build) before a kind word, which jieba joins to it (建智算): a verb phrase, no name; 福建 stays in a name
    ("这是我们敢在沿海建智算中心的底气。中国电信福建数据中心投运。", {("中国电信福建数据中心", "DataCenter")},
     {("沿海建智算中心", "DataCenter")}),
    # a verb and its complement (搬上, 存进), or an adverb and a verb (再添), words of no dictionary: no part of a name
    ("企业把业务搬上河洛智算中心，余电存进储能电站。宁夏枢纽再添万架级绿色算力中心。",
     {("河洛智算中心", "DataCenter")},
     {("业务搬上河洛智算中心", "DataCenter"), ("余电存进储能电站", "Facility"), ("宁夏枢纽再添万架级绿色算力中心", "DataCenter")}),
    # 所属 (belonging to) joins a parent firm and its subsidiary, two firms
    ("由中国华电集团有限公司所属华电数智科技（天津）有限公司运营。", {("华电数智科技（天津）有限公司", "Firm")},
     {("中国华电集团有限公司所属华电数智科技（天津）有限公司", "Firm")}),
    # a zone named by its kind alone takes the name of its county; any place's 开发区 is a park
    ("数据中心位于孙吴县经济开发区。项目在天津开发区建成。", {("孙吴县经济开发区", "IndustrialPark"), ("天津开发区", "IndustrialPark")},
     {("经济开发区", "IndustrialPark"), ("天津开发区", "AdministrativeRegion")}),
    # a reporter's paper by its suffix; 中马 (China and Malaysia) opens one name
    (" 河北日报记者 李静怡\n\n数据中心在广西壮族自治区钦州市中马钦州产业园区上线。",
     {("河北日报", "Organization"), ("中马钦州产业园区", "IndustrialPark")}, {("马钦州产业园区", "IndustrialPark")}),
    # verbs of nearness (紧挨, 距) and a modal verb with a preposition (可向) are no part of a name
    ("这座数据中心紧挨塔拉滩光伏产业园。数据中心距酒泉—湖南±800千伏特高压直流输电工程仅12公里。风电场每年可向算力中心供电。",
     {("塔拉滩光伏产业园", "IndustrialPark"), ("酒泉—湖南±800千伏特高压直流输电工程", "NetworkInfrastructure")},
     {("数据中心紧挨塔拉滩光伏产业园", "IndustrialPark"), ("风电场每年可向算力中心", "DataCenter"),
      ("数据中心距酒泉—湖南±800千伏特高压直流输电工程", "NetworkInfrastructure")}),
    # a kind of centre after an address keeps its county's name (重庆市奉节县农业云数据中心); 国能 (CHN Energy) opens a firm's name
    ("9月26日，重庆市奉节县农业云数据中心投用。中心由国家能源集团所属国能新疆哈密能源有限公司运营。",
     {("奉节县农业云数据中心", "DataCenter"), ("国能新疆哈密能源有限公司", "Firm")},
     {("农业云数据中心", "DataCenter"), ("新疆哈密能源有限公司", "Firm")}),
    # a facility the text names alone is that name where words with a verb run into it (图像传到X, 再投资15亿元扩建X)
    ("贵安绿色智算中心投运。该公司把无人机拍摄的输电线路图像传到贵安绿色智算中心。公司计划再投资15亿元扩建贵安绿色智算中心。",
     {("贵安绿色智算中心", "DataCenter")},
     {("输电线路图像传到贵安绿色智算中心", "DataCenter"), ("再投资15亿元扩建贵安绿色智算中心", "DataCenter")}),
    # 和 inside a firm's name (浙江新和轴承有限公司), not between two firms; a year's list keeps its year (2025年度……名单); 公布 is
    # no part of a name
    ("浙江新和轴承有限公司技术部经理王立群说，很好。武汉智算云科技有限公司和东风汽车集团有限公司签约。"
     "12月10日，山西省工业和信息化厅公布2025年度山西省绿色数据中心名单。",
     {("浙江新和轴承有限公司", "Firm"), ("东风汽车集团有限公司", "Firm"), ("2025年度山西省绿色数据中心名单", "Program")},
     {("轴承有限公司", "Firm"), ("武汉智算云科技有限公司和东风汽车集团有限公司", "Firm")}),
    # a dictionary's two-character place with no suffix is a word here (竹海, 长寿), not a region
    ("贵州省遵义市赤水市漫山竹海层层叠叠。这里的人们都很长寿。", {("赤水市", "City")}, {("竹海", "City"), ("长寿", "City")}),
    # lakes, bays and shoals that open names (东江湖, 三门湾, 塔拉滩); 芜湖 the city, 盐湖 and 戈壁滩 common words
    ("三门湾零碳数据中心选址三门县。塔拉滩绿色数据中心投运。东江湖数据中心利用湖水冷却。合肥芜湖两地。格尔木盐湖光伏电站建在戈壁滩上。",
     {("三门湾", "GeographicRegion"), ("塔拉滩", "GeographicRegion"), ("东江湖", "GeographicRegion"), ("芜湖", "City")},
     {("芜湖", "GeographicRegion"), ("合肥芜湖", "GeographicRegion"), ("格尔木盐湖", "GeographicRegion"),
      ("戈壁滩", "GeographicRegion")}),
])
def test_failure_classes_of_unseen_text(text, present, absent):
    found = {(e.label.zh, e.type) for e in _auto(" 标题\n\n" + text).entities}
    assert present <= found, present - found
    assert not absent & found, absent & found


def test_a_headline_or_a_description_names_no_facility():
    """A headline runs a verb into a name (海上风电“喂饱”海岛数据中心) and 重要的/一批/首个 describe, not name; a facility a
    headline starts with its place (广元水光互补算力中心) is one, named again or not."""
    described = _auto(" 海上风电“喂饱”海岛数据中心\n\n2025年，广元水光互补算力中心投运。赣州是全国重要的稀土产业基地，"
                      "将再布局一批山体数据中心，建成省内首个零碳数据中心。")
    assert {e.label.zh for e in described.entities if e.type not in ("City", "Province")} == {"广元水光互补算力中心"}
    named = _auto(" 广元水光互补算力中心投运\n\n2025年，赣州稀土产业基地建成。")
    assert {("广元水光互补算力中心", "DataCenter"), ("赣州稀土产业基地", "InnovationBase")} <= \
        {(e.label.zh, e.type) for e in named.entities}


def test_who_came_to_an_event_is_counted_after_the_number():
    """约260人参会, 180余家……企业参会: the event's participants, whatever stands between; 员工1260人 is no figure; a
    bare 仪式 is the ceremony named before, and 出席 counts who came."""
    ann = _auto(" 标题\n\n2024年，第二届婺城算力论坛在婺城区开幕。论坛吸引了180余家专用汽车整车、零部件及工业软件企业参会，"
                "来自省内外的企业代表约260人参会。婺城智算中心现有员工1260人。")
    found = {(f.evidence.text, f.measure, f.comparator) for f in ann.figures}
    assert {("180余家", "participantCount", "gt"), ("约260人", "participantCount", "approx")} <= found, found
    assert not [f for f in ann.figures if f.value == 1260], found
    signing = _auto(" 标题\n\n2025年9月，山南绿色算力中心签约仪式举行。签约仪式由山南市人民政府组织，两地相关部门和企业代表80余人出席。")
    names = {e.id: e.label.zh for e in signing.entities}
    assert {(f.evidence.text, names[f.subject]) for f in signing.figures} == {("80余人", "山南绿色算力中心签约仪式")}


@pytest.mark.parametrize("text, expected", [
    ("算力规模达到5万P。", ("5万P", Decimal(50000), "PFlops", "eq", "computingPower")),
    ("智能算力超过2EFLOPS。", ("超过2EFLOPS", Decimal(2), "EFlops", "gt", "computingPower")),
    ("规划算力300Pflops。", ("300Pflops", Decimal(300), "PFlops", "eq", "computingPower")),
])
def test_abbreviated_units_of_computing_power(text, expected):
    assert expected in figures_in(text)


def test_energy_in_kilowatt_hours_is_no_installed_capacity():
    ann = _auto(" 标题\n\n吉林白城绿电算力中心投运。风电场每年可向中心供电约12亿千瓦时，装机容量50万千瓦。")
    assert [(f.evidence.text, f.measure) for f in ann.figures] == [("50万千瓦", "powerCapacity")]


def test_a_count_of_unnamed_things_and_an_anaphoric_topic_give_no_figure():
    ann = _auto(" 标题\n\n2024年，和林格尔集群建成。三家运营商在此布局，该平台一期投资约12亿元。")
    assert [(f.evidence.text, f.subject) for f in ann.figures] == []


def test_the_park_a_facility_is_in_is_not_what_the_next_figures_measure():
    """X坐落在Y开发区。中心……: the figures after are the facility's, in the sentence and in the next one."""
    ann = _auto(" 标题\n\n2024年，婺城智算中心坐落在金华高新技术产业开发区，今年6月投运。据介绍，标准机架达到3000架。"
                "江北智算中心由金华云数科技有限公司运营。中心位于金华经济技术开发区，总投资约20亿元。")
    names = {e.id: e.label.zh for e in ann.entities}
    assert {(f.evidence.text, names[f.subject]) for f in ann.figures} == {
        ("3000架", "婺城智算中心"), ("约20亿元", "江北智算中心")}
    readable = {(names[r.subject], r.predicate, names[r.object]) for r in ann.relations}
    assert ("婺城智算中心", "partOf", "金华高新技术产业开发区") in readable
    assert ("金华高新技术产业开发区", "locatedIn", "金华") in readable


def test_one_cluster_under_its_long_and_short_names_is_one_entity():
    ann = _auto(" 标题\n\n2024年，宁夏枢纽中卫数据中心集群加快建设。中卫集群标准机架超过7万架。")
    clusters = [e for e in ann.entities if e.type == "DataCenter"]
    assert len(clusters) == 1 and len(clusters[0].mentions) == 2, [(e.label.zh, e.mentions) for e in clusters]


def test_a_figure_in_an_article_that_names_no_year_is_dated_by_the_run(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    ann = _auto(" 标题\n\n新华社上海11月5日电 上海智算中心算力规模达到5万P。")
    assert [(f.value, f.date, f.date_basis, f.confidence) for f in ann.figures] == [(Decimal(50000), "2026", "context", 0.5)]


def test_a_place_is_put_in_a_province_only_where_the_words_say_so():
    ann = _auto(" 标题\n\n2024年，青海省加快建设。青海海东市和西宁市都有项目。青海的西宁市最多。")
    names = {e.id: e.label.zh for e in ann.entities}
    guesses = {(names[r.subject], r.predicate, names[r.object], r.confidence) for r in ann.relations}
    assert ("海东", "partOf", "青海省", 0.7) in guesses  # 青海海东市 says so
    # no guess from the article's province alone: on the dev articles it was wrong 27 times in 29
    assert not [g for g in guesses if g[0] == "西宁" and g[1] == "partOf"]
    assert "青海海东市" not in names.values()


def _auto(text: str) -> Annotations:
    return annotate(parse_article(text, article_id="sample", path="sample.txt"))


def test_relations_by_trigger_words_and_names_inside_names():
    ann = _auto(" 标题\n\n2023年，成都市经济和信息化局印发《成都市算力调度实施方案》。第三届算力大会在成都市举行。"
                "四川省成都市天府数据中心集群建设提速。")
    triples = {(r.subject, r.predicate, r.object) for r in ann.relations}
    names = {e.id: e.label.zh for e in ann.entities}
    readable = {(names[s], p, names[o]) for s, p, o in triples}
    assert ("成都市算力调度实施方案", "issuedBy", "成都市经济和信息化局") in readable
    assert ("第三届算力大会", "heldIn", "成都市") in readable
    assert ("成都市", "partOf", "四川省") in readable
    assert ("成都市经济和信息化局", "locatedIn", "成都市") in readable


@pytest.mark.parametrize("text, expected", [
    # a list of issuers
    ("2024年，江苏省发展和改革委员会、江苏省数据局联合印发《江苏省算力调度实施方案》。",
     {("江苏省算力调度实施方案", "issuedBy", "江苏省发展和改革委员会"), ("江苏省算力调度实施方案", "issuedBy", "江苏省数据局")}),
    # a centre inside a science city
    ("2024年，东部（南京）科学城智算中心投运。", {("东部（南京）科学城智算中心", "partOf", "东部（南京）科学城")}),
    # a list of centres opening the clause after a cluster
    ("2024年，扬州数据中心集群建设提速，中国电信扬州云计算中心、中国联通扬州数据中心相继投运。",
     {("中国电信扬州云计算中心", "partOf", "扬州数据中心集群"), ("中国联通扬州数据中心", "partOf", "扬州数据中心集群")}),
    # a title chain after an anaphor's body, and a speaker
    ("2024年，江海大学算力研究院成立。该院副院长、教授李明说，进展顺利。", {("李明", "worksFor", "江海大学算力研究院")}),
    # who supports what
    ("2024年，为保障扬州数据中心集群用电，国网扬州供电公司新建了变电站。",
     {("国网扬州供电公司", "supports", "扬州数据中心集群")}),
    ("2024年，扬州数据中心集群主要承接京津冀、粤港澳大湾区的算力需求。",
     {("扬州数据中心集群", "supports", "京津冀"), ("扬州数据中心集群", "supports", "粤港澳大湾区")}),
    ("2024年，江苏省印发《关于支持扬州数据中心集群发展的若干措施》。",
     {("关于支持扬州数据中心集群发展的若干措施", "supports", "扬州数据中心集群")}),
    # drafters named after an anaphor (该方案由A会同B起草)
    ("2024年，浙江省印发《浙江省算力发展行动方案》。该方案由浙江省经济和信息化厅会同浙江省发展和改革委员会起草。",
     {("浙江省算力发展行动方案", "draftedBy", "浙江省经济和信息化厅"),
      ("浙江省算力发展行动方案", "draftedBy", "浙江省发展和改革委员会")}),
    # a bare kind word for the centre (中心已为……提供)
    ("2024年，湖州智算中心投运。目前，中心已为商汤科技、浙江大学提供算力服务。",
     {("湖州智算中心", "supports", "商汤科技"), ("湖州智算中心", "supports", "浙江大学")}),
    # titles joined by 兼; a bare 公司 for the firm the text is about
    ("2024年，云岭数智科技有限公司成立。云岭数智科技有限公司总部在昆明。公司由滇中城投集团与华为共同出资设立。公司旗下的云岭绿色数据中心已投运。"
     "滇中城投集团副总裁兼首席技术官赵明说，进展顺利。",
     {("云岭数智科技有限公司", "establishedBy", "华为"), ("云岭绿色数据中心", "operatedBy", "云岭数智科技有限公司"),
      ("赵明", "worksFor", "滇中城投集团")}),
    # a facility the sentence opens with is in the place its clause names; each city of a list after its province
    ("2024年，金沙智算中心，去年底在攀枝花市仁和区投入运营，与四川宜宾、泸州等地的数据中心互联。",
     {("金沙智算中心", "locatedIn", "仁和区"), ("宜宾", "partOf", "四川省"), ("泸州", "partOf", "四川省")}),
    # a provincial branch of a firm and its city; a short name the text gives; a city's leader and its government
    ("2024年，中国电信（湖南）郴州分公司与郴州市东江湖数据科技有限公司（以下简称“东江湖数科”）签约。东江湖数科负责运营。"
     "郴州市人民政府与企业签约，郴州市副市长李华说，进展顺利。",
     {("中国电信（湖南）郴州分公司", "subOrganizationOf", "中国电信（湖南）"), ("中国电信（湖南）郴州分公司", "locatedIn", "郴州市"),
      ("李华", "worksFor", "郴州市人民政府")}),
    # the districts a city acts in; selection into a plan's list of key projects by a bare 方案
    ("2024年，衡州市印发《衡州市算力方案》。衡州市将在东陵区、西陵区布局算力设施。衡州智算中心被列为方案首批重点项目。",
     {("东陵区", "partOf", "衡州市"), ("西陵区", "partOf", "衡州市"), ("衡州智算中心", "selectedFor", "衡州市算力方案")}),
    # founders of an alliance
    ("2024年，湖州云算科技有限公司联合浙江大学、中国电信等单位发起成立浙江算力产业联盟。",
     {("浙江算力产业联盟", "establishedBy", "湖州云算科技有限公司"), ("浙江算力产业联盟", "establishedBy", "浙江大学")}),
    # an event organised by two bodies, held in the innermost place
    ("2024年，第二届算力论坛在杭州市余杭区开幕。论坛由杭州市数据资源管理局和湖州市数据局联合主办。",
     {("第二届算力论坛", "heldIn", "余杭区"), ("第二届算力论坛", "organizedBy", "湖州市数据局")}),
    # makers between 由 and the verb, what they made before 由
    ("2024年，金华云数科技有限公司由浙江移动、金华文旅集团和浙江大学共同出资组建。",
     {("金华云数科技有限公司", "establishedBy", "浙江大学")}),
    # the operator just before the verb, after a relative clause
    ("2024年，婺城智算中心投运，由金华市人民政府与中国电信浙江分公司合资组建的金华云数科技有限公司运营。",
     {("婺城智算中心", "operatedBy", "金华云数科技有限公司"),
      ("金华云数科技有限公司", "establishedBy", "金华市人民政府")}),
    # a department between the body and the title; a title after the name
    ("2024年，湖州云算科技有限公司技术中心主任周平说，进展顺利。", {("周平", "worksFor", "湖州云算科技有限公司")}),
    ("2024年，金华市数据局的陈立副局长介绍，进展顺利。", {("陈立", "spokeFor", "金华市数据局")}),
    # a described anaphor (这座……的数据中心由X运营) and a phase's figures
    ("2024年，婺城数据中心投运。这座位于金华市的数据中心由金华云数科技有限公司运营，二期项目总投资约9亿元。",
     {("婺城数据中心", "operatedBy", "金华云数科技有限公司")}),
    # a superlative places the facility in the region
    ("2024年，婺城智算中心投运，是长三角地区规模最大的智算中心之一。", {("婺城智算中心", "locatedIn", "长三角")}),
    # a verb before a place is no part of the name (企业使用金华智算中心)
    ("2024年，多家企业使用金华智算中心的算力。", {("金华智算中心", "locatedIn", "金华")}),
    # a policy's anaphor whatever its title ends with, and a bare issuer
    ("2024年，金华市算力协会起草了团体标准《县域智算中心建设指南》。该标准由协会发布。",
     {("县域智算中心建设指南", "draftedBy", "金华市算力协会"), ("县域智算中心建设指南", "issuedBy", "金华市算力协会")}),
    # parts of a site, users of a facility
    ("2024年，婺城数据产业园开园，园区内的婺城智算中心投运，浙江大学、中国电信等单位已成为中心的长期用户。",
     {("婺城智算中心", "partOf", "婺城数据产业园"), ("婺城智算中心", "supports", "浙江大学")}),
    # what is built in a place is there; 并运营 makes the builder its operator, and the verb opens no name
    ("2024年，金华市表示，将在婺城区建设婺城液冷计算中心。", {("婺城液冷计算中心", "locatedIn", "婺城区")}),
    ("2024年，婺城数据产业园开园。金华云数科技有限公司在园区内建成并运营婺城算力调度中心。",
     {("婺城算力调度中心", "partOf", "婺城数据产业园"), ("婺城算力调度中心", "operatedBy", "金华云数科技有限公司")}),
    # a sentence that opens in a place: what it names first is there
    ("2024年夏天，在浙江省金华市婺城区，金华精工机床有限公司的车间里一片繁忙。",
     {("金华精工机床有限公司", "locatedIn", "婺城区")}),
    # 该院 is the institute of the sentence before, not the academy inside its name
    ("2024年，中国科学院金华智能技术研究院揭牌。该院副院长、研究员周明说，进展顺利。",
     {("周明", "worksFor", "中国科学院金华智能技术研究院"), ("周明", "spokeFor", "中国科学院金华智能技术研究院")}),
    # a bare 公司 with its department before a title: the firm named last
    ("2024年，金华精工机床有限公司上线了质检模型。“训练快了很多。”公司数字化部部长陈东说。",
     {("陈东", "worksFor", "金华精工机床有限公司")}),
    # the title just before the comma is what 经X发布 publishes
    ("2024年，地方标准《液冷数据中心能效评价规范》，经浙江省市场监督管理局发布。",
     {("液冷数据中心能效评价规范", "issuedBy", "浙江省市场监督管理局")}),
    # 将X纳入……试点: what is put in takes part, not who puts it
    ("2024年，婺城算力调度平台上线。工业和信息化部将该平台纳入全国一体化算力网络试点。",
     {("婺城算力调度平台", "participatesIn", "全国一体化算力网络试点")}),
    # a national firm's branch is in the place its name holds; 由 opens no name
    ("2024年，由国网浙江省电力公司金华供电公司建设运营的婺城源网荷储平台上线。",
     {("国网浙江省电力公司", "locatedIn", "浙江省"), ("婺城源网荷储平台", "operatedBy", "国网浙江省电力公司金华供电公司")}),
    # firms that sign with a city's government have projects in the city
    ("2024年，华为、浪潮等企业与金华市人民政府签约。", {("华为", "hasProjectIn", "金华市"), ("浪潮", "hasProjectIn", "金华市")}),
    # a relation of one item of a list holds for each
    ("2024年，第三届算力大会由浙江省人民政府和中国通信学会共同主办。",
     {("第三届算力大会", "organizedBy", "浙江省人民政府"), ("第三届算力大会", "organizedBy", "中国通信学会")}),
    # a district jieba cuts in two (红谷 / 滩区) is one name
    ("2024年，南昌市红谷滩区引进多家企业。", {("红谷滩区", "partOf", "南昌市")}),
    # a free-trade zone with its province in brackets
    ("2024年，中国（浙江）自由贸易试验区新增数据企业。", {("中国（浙江）自由贸易试验区", "partOf", "浙江省")}),
    # a training or backup centre is a data centre, run by the firm its name opens with
    ("2024年，吉利汽车金华AI训练中心投运，阿里云金华灾备中心同步上线。",
     {("吉利汽车金华AI训练中心", "operatedBy", "吉利汽车"), ("阿里云金华灾备中心", "locatedIn", "金华")}),
    # a signing ceremony is an event, held where it is and organised by its host
    ("2024年，金华市算力产业项目集中签约仪式在金华市婺城区举行。仪式由金华市人民政府主办。",
     {("金华市算力产业项目集中签约仪式", "heldIn", "婺城区"), ("金华市算力产业项目集中签约仪式", "organizedBy", "金华市人民政府")}),
    # a branch office is in its place and part of its parent; a link is in the places it joins
    ("2024年，浙商银行金华分行为项目提供贷款。", {("浙商银行金华分行", "subOrganizationOf", "浙商银行"),
                                       ("浙商银行金华分行", "locatedIn", "金华")}),
    ("2024年，连接金华市与衢州市的“金衢算力专网”开通。", {("金衢算力专网", "locatedIn", "金华市"), ("金衢算力专网", "locatedIn", "衢州市")}),
    # 坐落在 is 位于; a firm founded by another as its subsidiary
    ("2024年，婺城液冷计算中心坐落在金华市婺城区。", {("婺城液冷计算中心", "locatedIn", "婺城区")}),
    ("2024年，金华云数科技有限公司，是浙江交通投资集团有限公司2023年组建的数字化子公司。",
     {("金华云数科技有限公司", "establishedBy", "浙江交通投资集团有限公司"),
      ("金华云数科技有限公司", "subOrganizationOf", "浙江交通投资集团有限公司")}),
    # an autonomous county by its full name; a park whose name joins two fields with 与
    ("2024年，位于丽水市景宁畲族自治县的景宁光伏电站并网。", {("景宁光伏电站", "locatedIn", "景宁畲族自治县")}),
    ("2024年，金华市婺城区的婺城软件与信息服务产业园开园。", {("婺城软件与信息服务产业园", "locatedIn", "婺城区")}),
    # a park's committee is in the (narrowest) place the park is named after
    ("2024年，唐山市曹妃甸区的项目开工，通辽经济技术开发区管理委员会与河北曹妃甸经济技术开发区管理委员会签约。",
     {("通辽经济技术开发区管理委员会", "locatedIn", "通辽"), ("河北曹妃甸经济技术开发区管理委员会", "locatedIn", "曹妃甸区")}),
    # a facility opened in a park, or named as in it, is part of it
    ("2024年，婺城智算中心在金华经济技术开发区正式投运，连通金华经济技术开发区内的金华算力调度中心。",
     {("婺城智算中心", "partOf", "金华经济技术开发区"), ("金华算力调度中心", "partOf", "金华经济技术开发区")}),
    ("2024年，金华城市算力中心，位于金华经济技术开发区。", {("金华城市算力中心", "partOf", "金华经济技术开发区")}),
    # a facility named after a firm the article names in full is the firm's (华菱 of 湖南华菱钢铁集团有限责任公司)
    ("2024年，乐山晶阳硅材料股份有限公司发布年报。晶阳智算中心算力规模达到500P，华菱工业智能算力中心同步上线，湖南华菱钢铁集团有限责任公司参加。",
     {("晶阳智算中心", "operatedBy", "乐山晶阳硅材料股份有限公司"), ("华菱工业智能算力中心", "operatedBy", "湖南华菱钢铁集团有限责任公司")}),
    # who runs a facility: after the park it is in, when a firm will build it, when its upkeep is handed over, 公司运营的
    ("2024年，婺城智算中心位于金华经济技术开发区，由金华云数科技有限公司投资运营。",
     {("婺城智算中心", "operatedBy", "金华云数科技有限公司")}),
    ("2024年，中国移动（浙江）宣布将在婺城区建设婺城灾备中心。", {("婺城灾备中心", "operatedBy", "中国移动（浙江）")}),
    ("2024年，婺城智算中心投运，中心的日常运维交给了金华云数科技有限公司。", {("婺城智算中心", "operatedBy", "金华云数科技有限公司")}),
    ("2024年，金华云数科技有限公司成立。公司运营的婺城数据中心位于婺城区。", {("婺城数据中心", "operatedBy", "金华云数科技有限公司")}),
    # what a firm builds, opens or tailors for a facility supports it
    ("2024年，婺城智算中心投运。国网浙江省电力有限公司金华供电公司为中心开辟了绿电直供通道，中国电信（浙江）将为智算中心建设全光传输通道。",
     {("国网浙江省电力有限公司金华供电公司", "supports", "婺城智算中心"), ("中国电信（浙江）", "supports", "婺城智算中心")}),
    # a facility that can serve the firms of a region (可为……的企业提供) supports the region
    ("2024年，婺城智算中心投运后，中心已接入浙江省算力调度平台，可为长三角地区的制造企业提供算力服务。",
     {("婺城智算中心", "supports", "长三角")}),
    # 其 after a clause with its own subject is what the sentence is about, not the firms it serves
    ("2024年，拉萨高原数据中心投运。目前，中心已为四川等地的企业提供数据灾备服务，中国电信（西藏）为其开通了直达成都的专线。",
     {("中国电信（西藏）", "supports", "拉萨高原数据中心")}),
    # the places a policy lays out (其中明确，支持A、B建设……; 以A、B为重点) are what it supports
    ("2024年，浙江省印发《浙江省算力方案》。其中明确，支持金华、衢州建设绿色算力产业园。",
     {("浙江省算力方案", "supports", "金华"), ("浙江省算力方案", "supports", "衢州")}),
    ("2024年，江苏省印发《江苏省海上风电与算力协同方案》，提出以盐城、南通为重点。",
     {("江苏省海上风电与算力协同方案", "supports", "盐城"), ("江苏省海上风电与算力协同方案", "supports", "南通")}),
    # a firm founded by two others, named by an anaphor after a comma; what three parties of an agreement will build
    ("2024年，婺城智算中心由金华云数科技有限公司运营，该公司由金华市城市建设投资集团有限公司与中国电信浙江分公司共同出资组建。",
     {("金华云数科技有限公司", "establishedBy", "金华市城市建设投资集团有限公司"),
      ("金华云数科技有限公司", "establishedBy", "中国电信浙江分公司")}),
    ("2024年，金华云数科技有限公司与华为技术有限公司、浙江师范大学签署合作协议，三方将共建婺城算力联合实验室。",
     {("婺城算力联合实验室", "establishedBy", "华为"), ("婺城算力联合实验室", "establishedBy", "浙江师范大学")}),
    # a speaker by more cues (算了一笔账, a colon; 总经理助理); the one who answers in an interview speaks for their body
    ("2024年，金华云数科技有限公司总经理助理许正阳算了一笔账，成本降低三成。",
     {("许正阳", "worksFor", "金华云数科技有限公司"), ("许正阳", "spokeFor", "金华云数科技有限公司")}),
    ("2024年，记者采访了金华市数据局局长韩建军。\n\n记者：项目进展如何？\n\n韩建军：一是电，二是冷。",
     {("韩建军", "worksFor", "金华市数据局"), ("韩建军", "spokeFor", "金华市数据局")}),
    # the places a city's plan lays out (以……为核心、……为支点) are the city's own
    ("2024年，衡州市人民政府印发《衡州市算力方案》，提出以东陵区为核心、西陵区和南安县为支点布局算力设施。",
     {("西陵区", "partOf", "衡州市"), ("南安县", "partOf", "衡州市")}),
    # a firm that builds (or deploys, lands a project) in a district of a city has its project in the district
    ("2024年，商汤科技计划在银川市西夏区建设一座智算中心，中国电信（宁夏）也已在银川市金凤区落地算力节点项目。",
     {("商汤科技", "hasProjectIn", "西夏区"), ("中国电信（宁夏）", "hasProjectIn", "金凤区")}),
    # who is in charge of running it, and the firm a clause says runs it
    ("2024年，吉林松原绿色智算中心开工，智算中心的建设和运营由中国电信（吉林）负责。运营这座数据中心的松原云数科技有限公司成立于2021年。",
     {("吉林松原绿色智算中心", "operatedBy", "中国电信（吉林）"), ("吉林松原绿色智算中心", "operatedBy", "松原云数科技有限公司")}),
    # an event a bare word opens the sentence with, hosted in a later clause
    ("2024年，第三届朝阳算力产业合作洽谈会开幕。洽谈会于10月18日在建平县举行，由辽宁省数据局与朝阳市人民政府共同主办。",
     {("第三届朝阳算力产业合作洽谈会", "organizedBy", "辽宁省数据局"),
      ("第三届朝阳算力产业合作洽谈会", "organizedBy", "朝阳市人民政府")}),
    # what a sentence is about, after a clause that only says who speaks
    ("2024年，吉林松原云数科技有限公司建设的松原绿色智算中心投运。该公司副总经理孟凡宇告诉记者，智算中心将融入全国算力网，主要承接长春、哈尔滨企业的训练业务。",
     {("松原绿色智算中心", "supports", "长春"), ("松原绿色智算中心", "supports", "哈尔滨")}),
    # the firms that bring power or the network to a facility support it (not the one that runs it)
    ("2024年，青岛海洋科学计算中心投运，由青岛海算科技有限公司运营。中心建成后，将通过专线接入华能山东发电有限公司在当地的"
     "风电场。通过与国网山东省电力公司开展绿电交易，中心绿电使用比例已达到55%。",
     {("华能山东发电有限公司", "supports", "青岛海洋科学计算中心"),
      ("国网山东省电力公司", "supports", "青岛海洋科学计算中心")}),
    # the firms a place or its government signs with have projects there (德阳市与X签署, A、B与东源县人民政府现场签订)
    ("2024年，德阳市与中国电信（四川）签署战略合作协议。广东粤能数科有限公司、中国联通（广东）与东源县人民政府现场签订投资协议。",
     {("中国电信（四川）", "hasProjectIn", "德阳市"), ("广东粤能数科有限公司", "hasProjectIn", "东源县"),
      ("中国联通（广东）", "hasProjectIn", "东源县")}),
    # a facility supports the places whose firms use it (还向A、B等地的中小制造企业出租算力)
    ("2024年，宏泰绿色智算中心投运。中心除满足集团自身需求外，还向滨州、东营、淄博等地的中小制造企业出租算力。",
     {("宏泰绿色智算中心", "supports", "东营"), ("宏泰绿色智算中心", "supports", "淄博")}),
    # 国电 inside 中国电信 is no power firm; a data centre named after a solar valley is no power plant
    ("2024年，米易光伏谷数据中心开工。据介绍，中心由米易数智科技有限公司负责运营，中国电信（四川）提供骨干网络接入。",
     {("中国电信（四川）", "supports", "米易光伏谷数据中心")}),
    ("2024年，中国联通（山东）投资建设并运营的青岛海洋科学计算中心投运，中国联通（山东）还为中心开通了专线。",
     {("青岛海洋科学计算中心", "operatedBy", "中国联通（山东）")}),
    # a facility is part of the park it is in, after the park's places, in a relative clause, after 落户 and 破土动工,
    # and where a clause sets out the park (……开发区内，X公司投资建设的Y)
    ("2024年，青岛海洋智算中心位于山东省青岛市黄岛区的青岛经济技术开发区内。位于沙河经济开发区的沙河玻璃算力服务中心投运，"
     "浪潮云六盘水智算中心将落户六盘水高新技术产业开发区。准东经济技术开发区内，新疆天山云数科技有限公司投资建设的准东绿色算力中心投运。"
     "抚松绿色算力数据中心在抚松经济开发区破土动工。",
     {("青岛海洋智算中心", "partOf", "青岛经济技术开发区"), ("沙河玻璃算力服务中心", "partOf", "沙河经济开发区"),
      ("浪潮云六盘水智算中心", "partOf", "六盘水高新技术产业开发区"), ("准东绿色算力中心", "partOf", "准东经济技术开发区"),
      ("抚松绿色算力数据中心", "partOf", "抚松经济开发区")}),
    # well-known firms of the alias table (general knowledge), and their branches named after them
    ("2024年，计算中心由中国石化中原油田分公司投资建设，三一重工和中联重科首批入驻。",
     {("中国石化中原油田分公司", "subOrganizationOf", "中国石化")}),
    # two parties that run a platform together
    ("2024年，金华云数科技有限公司与中国联通浙江省分公司签署合作协议，双方将共同建设运营金华算力调度平台。",
     {("金华算力调度平台", "operatedBy", "金华云数科技有限公司"), ("金华算力调度平台", "operatedBy", "中国联通浙江省分公司")}),
    # a university's campus is part of the university, and founds what it builds with others
    ("2024年，金华精工机床有限公司成立。浙江大学金华园区与金华精工共建的高端机床智能制造联合实验室揭牌。",
     {("浙江大学金华园区", "subOrganizationOf", "浙江大学"), ("高端机床智能制造联合实验室", "establishedBy", "浙江大学金华园区"),
      ("高端机床智能制造联合实验室", "establishedBy", "金华精工机床有限公司")}),
    # what a policy names among its key projects or areas is selected for it, the policy named before or by a bare word
    ("2024年，福建省发展和改革委员会印发《福建省算力基础设施高质量发展行动计划》，龙岩算力产业园被列为省级重点算力集聚区。"
     "方案把鄱阳湖绿色数据中心列为全市首批重点项目。天津港智慧港口算力中心是方案确定的首批重点项目。",
     {("龙岩算力产业园", "selectedFor", "福建省算力基础设施高质量发展行动计划"),
      ("鄱阳湖绿色数据中心", "selectedFor", "福建省算力基础设施高质量发展行动计划"),
      ("天津港智慧港口算力中心", "selectedFor", "福建省算力基础设施高质量发展行动计划")}),
    # the places a facility's service reaches, its subject named in a sentence before; the districts of a city's 辖区
    ("三门峡智算产业园位于三门峡。一期工程计划2026年底投运，主要服务郑州、西安以及长三角地区的大模型训练需求。"
     "定西马铃薯产业大数据平台服务范围覆盖安定区、渭源县等主产区。三门峡地处河南、山西、陕西三省交界，辖区内陕州区、灵宝市的风电资源丰富。",
     {("三门峡智算产业园", "supports", "郑州"), ("三门峡智算产业园", "supports", "西安"),
      ("定西马铃薯产业大数据平台", "supports", "安定区"), ("定西马铃薯产业大数据平台", "supports", "渭源县"),
      ("陕州区", "partOf", "三门峡"), ("灵宝市", "partOf", "三门峡")}),
    # who builds a facility that another is named to run supports it; the operator runs it
    ("黄石工业互联网算力中心由黄石市城市发展投资集团有限公司与中国电信（湖北）合资建设，黄石楚算科技有限公司负责运营。",
     {("黄石工业互联网算力中心", "operatedBy", "黄石楚算科技有限公司"),
      ("黄石市城市发展投资集团有限公司", "supports", "黄石工业互联网算力中心"),
      ("中国电信（湖北）", "supports", "黄石工业互联网算力中心")}),
    # the users of a facility: service agreements, firms a platform connects, renting or borrowing its computing power,
    # data backed up there
    ("渝西智算中心投运。当天，重庆宗申动力机械股份有限公司等企业与该中心签订了算力服务协议。随州专用汽车产业算力平台上线，"
     "平台首批接入了程力专用汽车股份有限公司、湖北齐星汽车车身股份有限公司等企业。江西木匠坊家居有限公司借助算力券，租用赣南智算中心的算力"
     "训练模型。北京星衡机器人科技有限公司也会向北京亦庄人工智能公共算力中心借用算力。平坝山洞灾备数据中心投运，贵阳银行等单位已将核心数据备份于此。",
     {("渝西智算中心", "supports", "重庆宗申动力机械股份有限公司"), ("随州专用汽车产业算力平台", "supports", "程力专用汽车股份有限公司"),
      ("随州专用汽车产业算力平台", "supports", "湖北齐星汽车车身股份有限公司"), ("赣南智算中心", "supports", "江西木匠坊家居有限公司"),
      ("北京亦庄人工智能公共算力中心", "supports", "北京星衡机器人科技有限公司"), ("平坝山洞灾备数据中心", "supports", "贵阳银行")}),
    # the facility under a platform supports it (its 底座, what gives it computing power); the power plant built with a
    # facility, or wired to it, supports it
    ("襄阳工业算力服务平台上线。平台的“底座”是位于襄阳高新技术产业开发区的襄阳智算中心。“莆链云”平台由莆田市数字集团有限公司建设运营，"
     "算力由部署在涵江区的莆田智算中心提供。那曲高原微模块数据中心投运，与数据中心配套的色尼区光伏储能电站装机容量2000千瓦。"
     "大别山水电数据中心位于六安。一期工程已投运，机房通过专线接入响洪甸水电站和梅山水电站。",
     {("襄阳智算中心", "supports", "襄阳工业算力服务平台"), ("莆田智算中心", "supports", "“莆链云”平台"),
      ("色尼区光伏储能电站", "supports", "那曲高原微模块数据中心"), ("响洪甸水电站", "supports", "大别山水电数据中心"),
      ("梅山水电站", "supports", "大别山水电数据中心")}),
    # a firm the sentence is about by a bare 公司: where its headquarters are, who founded it; two facilities named by
    # bare words, run by one firm; a facility also in the park
    ("广东瓷云数字科技有限公司发布新品。公司成立于2021年，总部设在潮州市湘桥区，由当地陶瓷龙头企业四通集团与中国电信（广东）共同出资组建。"
     "清河羊绒产业云平台和清河县绿色算力中心投运。云平台和算力中心均由中国联通（河北）负责建设运营。"
     "东江湖大数据产业园扩容，去年开工的中国移动（湖南）资兴智算中心也在园区内。",
     {("广东瓷云数字科技有限公司", "locatedIn", "湘桥区"), ("广东瓷云数字科技有限公司", "establishedBy", "四通集团"),
      ("广东瓷云数字科技有限公司", "establishedBy", "中国电信（广东）"), ("清河羊绒产业云平台", "operatedBy", "中国联通（河北）"),
      ("清河县绿色算力中心", "operatedBy", "中国联通（河北）"), ("中国移动（湖南）资兴智算中心", "partOf", "东江湖大数据产业园")}),
    # the others of a division of roles support what one runs; a platform built on a data centre
    ("太谷农业智算中心签约。中国移动通信集团山西有限公司负责建设和运营，山西农业大学提供作物育种等方面的数据与模型，"
     "太谷区人民政府则在用地、用电方面给予保障。岑溪石材产业云平台上线，平台依托中国电信（广西）梧州岑溪数据中心建设。",
     {("太谷农业智算中心", "operatedBy", "中国移动通信集团山西有限公司"), ("山西农业大学", "supports", "太谷农业智算中心"),
      ("太谷区人民政府", "supports", "太谷农业智算中心"), ("中国电信（广西）梧州岑溪数据中心", "supports", "岑溪石材产业云平台")}),
    # a bare 公司 is the firm the text is about; of those named as often, the one whose name ends with 公司
    ("伊春林都云数据科技有限公司由伊春森工集团与中国联通（黑龙江）共同出资组建。伊春林都冷数据中心于2023年投运。“我们很有信心。”"
     "公司总经理赵永刚说。", {("赵永刚", "worksFor", "伊春林都云数据科技有限公司")}),
    # a prefecture's short name is the prefecture; its seat is part of it and where an event there is held
    ("巴州出台算力新政。新疆维吾尔自治区巴音郭楞蒙古自治州数据局发布行动计划。江苏省对口支援克州以来成效显著，“数字丝路”推介会在克州首府阿图什市举行。",
     {("阿图什市", "partOf", "克州"), ("“数字丝路”推介会", "heldIn", "阿图什市"),
      ("巴音郭楞蒙古自治州数据局", "locatedIn", "巴音郭楞蒙古自治州")}),
    # the operator of a facility the sentence opens with after 据介绍; a body in charge of a platform's daily running; the
    # project's operator a reporter interviews
    ("临湘绿色算力中心投运。据介绍，算力中心占地约45亩，由湖南湘江云数科技有限公司投资建设并运营。临湘市危化品安全风险智能管控平台上线，"
     "平台由临湘市应急管理局负责日常运行。荣成海上风电数据中心通电运行。日前，记者专访了项目运营方山东蓝海算力科技有限公司总经理于海波。",
     {("临湘绿色算力中心", "operatedBy", "湖南湘江云数科技有限公司"),
      ("临湘市危化品安全风险智能管控平台", "operatedBy", "临湘市应急管理局"),
      ("荣成海上风电数据中心", "operatedBy", "山东蓝海算力科技有限公司")}),
    # the bodies whose support the text names support the facility it is about
    ("岑溪石材产业云平台上线。在梧州市大数据发展局和岑溪市工业和信息化局的支持下，我们用了半年时间走访企业。",
     {("梧州市大数据发展局", "supports", "岑溪石材产业云平台"), ("岑溪市工业和信息化局", "supports", "岑溪石材产业云平台")}),
    # a facility opened in a chain of places is in the innermost
    ("10月28日，青岛海洋科学计算中心在青岛市崂山区正式启用。", {("青岛海洋科学计算中心", "locatedIn", "崂山区")}),
    # a project the text counts among a park's is part of it
    ("兰州新区丝路云谷数据中心产业园投运。园区里体量最大的单体项目，是甘肃电信去年12月投运的中国电信兰州新区智算中心。"
     "宿州云计算产业园开园，云启智算中心是园区里最受关注的新面孔。兴安盟风电算力产业园开园，园区首个入驻项目——兴风绿色数据中心投运。"
     "包头绿色算力产业园投运，包头智算中心、包头稀盛算力中心等项目已在园区投运。",
     {("中国电信兰州新区智算中心", "partOf", "兰州新区丝路云谷数据中心产业园"), ("云启智算中心", "partOf", "宿州云计算产业园"),
      ("兴风绿色数据中心", "partOf", "兴安盟风电算力产业园"), ("包头智算中心", "partOf", "包头绿色算力产业园"),
      ("包头稀盛算力中心", "partOf", "包头绿色算力产业园")}),
    # a body one place sends to aid another is in the place it aids, and supports it
    ("2024年，北京市援疆和田指挥部成立。", {("北京市援疆和田指挥部", "locatedIn", "和田"), ("北京市援疆和田指挥部", "supports", "和田")}),
    # a facility is part of the park it runs in, is sited in, or that a pointing clause places it in; a 算力基地 is a centre
    ("今年10月，迁安钢铁工业智算中心在迁安经济开发区投入运行。据介绍，德令哈光热储能算力基地选址于德令哈工业园。"
     "梨树黑土地农业大数据中心投运。这座位于梨树经济开发区的数据中心由吉林梨树数智农业科技有限公司运营。",
     {("迁安钢铁工业智算中心", "partOf", "迁安经济开发区"), ("德令哈光热储能算力基地", "partOf", "德令哈工业园"),
      ("梨树黑土地农业大数据中心", "partOf", "梨树经济开发区")}),
    # X位于A市B区的C开发区内，由……组建的D运营: X is in B and part of C, D runs X (not C; not 建设 of a firm's name)
    ("秦岭生态数据中心位于商洛市商州区的商洛高新技术产业开发区内，由商洛市城市建设投资集团有限公司与中国电信（陕西）"
     "合资组建的陕西秦云数智科技有限公司投资建设和运营。",
     {("秦岭生态数据中心", "locatedIn", "商州区"), ("秦岭生态数据中心", "partOf", "商洛高新技术产业开发区"),
      ("秦岭生态数据中心", "operatedBy", "陕西秦云数智科技有限公司")}),
    # the users of a facility: A、B等企业已在数据中心租用机架; 作为中心的“第一大用户”，X……
    ("海北高原绿色数据中心投运。据介绍，目前中国电信（青海）、中国联通等企业已在数据中心租用机架。宜春智算中心同步投运。"
     "作为中心的“第一大用户”，宜春锂源新能源科技有限公司已把研发业务搬上云端。",
     {("海北高原绿色数据中心", "supports", "中国电信（青海）"), ("海北高原绿色数据中心", "supports", "中国联通"),
      ("宜春智算中心", "supports", "宜春锂源新能源科技有限公司")}),
    # 由A与B共同出资组建的C运营, however long the names: C runs it
    ("天泉数据中心由中国电信（四川）与兴文县国有资产投资经营有限公司共同出资组建的四川兴文云洞科技有限公司运营。",
     {("天泉数据中心", "operatedBy", "四川兴文云洞科技有限公司")}),
    # a utility's work for 项目 or a 机房 (machine rooms) is for the facility the text is about, not the last one named
    ("临湘绿色算力中心投运。临湘绿色算力中心由临湘云数科技有限公司运营。临湘市危化品安全风险智能管控平台同步上线。"
     "中国电信（湖南）为项目铺设了双路由光缆。国网江西省电力有限公司九江供电分公司为湖畔机房新建了一条110千伏专线。",
     {("中国电信（湖南）", "supports", "临湘绿色算力中心"),
      ("国网江西省电力有限公司九江供电分公司", "supports", "临湘绿色算力中心")}),
    # a facility selected (同样入选的X, X是此次入选的……, 入选名单的X) for the list the article named before
    ("河南省数据局发布《河南省绿色数据中心名单（第一批）》，12家数据中心入选。中原大数据中心是此次入选的规模最大的项目。"
     "同样入选的洛阳九朝智算中心位于洛阳市。",
     {("中原大数据中心", "selectedFor", "河南省绿色数据中心名单（第一批）"),
      ("洛阳九朝智算中心", "selectedFor", "河南省绿色数据中心名单（第一批）")}),
    # A、B和C均在名单之列: each is on the list named before; 由X全资子公司Y（以下简称“Z”）……运营: Y runs it, a part of X;
    # a district after its city is part of an address (福州市长乐区中国东南大数据产业园 is the park's name without it)
    ("四川省发布《四川省首批绿色低碳算力基础设施试点名单》。天府智算中心、雅安川西数据中心和康定水电算力中心均在名单之列。"
     "同家梁算力中心由晋鑫煤业集团有限责任公司全资子公司晋鑫数字科技有限公司（以下简称“晋鑫数科”）投资建设并运营。"
     "位于福州市长乐区中国东南大数据产业园的中国电信福州长乐智算中心投运。",
     {("天府智算中心", "selectedFor", "四川省首批绿色低碳算力基础设施试点名单"),
      ("康定水电算力中心", "selectedFor", "四川省首批绿色低碳算力基础设施试点名单"),
      ("同家梁算力中心", "operatedBy", "晋鑫数字科技有限公司"),
      ("晋鑫数字科技有限公司", "subOrganizationOf", "晋鑫煤业集团有限责任公司"),
      ("中国电信福州长乐智算中心", "partOf", "中国东南大数据产业园")}),
    # the power plant that powers the project (为项目供电的X), that a centre is wired to (接入X的清洁电力, 取自A在……建设的X),
    # or whose power goes to it (X所发绿电经专线直供算力中心)
    ("陵水海底智算中心开工。为项目供电的陵水英州海上风电场由华能海南公司运营。漳州湾绿色数据中心投运。中心配套接入漳浦海上风电场的"
     "清洁电力。克平光储算力中心投运。克平光伏电站所发绿电经专线直供算力中心。汕尾湾绿色数据中心投运，电力则通过专用线路直接取自"
     "明阳集团在汕尾海域建设的甲子海上风电场。",
     {("陵水英州海上风电场", "supports", "陵水海底智算中心"), ("漳浦海上风电场", "supports", "漳州湾绿色数据中心"),
      ("克平光伏电站", "supports", "克平光储算力中心"), ("甲子海上风电场", "supports", "汕尾湾绿色数据中心")}),
    # a dated event's name (2025……签约仪式), 年会, a deputy commissioner, a person who attends and speaks (出席并致辞);
    # the government inside its office's name, and 国网 (State Grid) inside its branches' names
    ("11月18日，2025大庆数字经济项目集中签约仪式在黑龙江省大庆市举行。仪式由大庆市人民政府主办。大庆市副市长王立新出席并致辞。"
     "江西省算力产业联盟2025年年会在南昌市召开。阿里地区行政公署副专员李明辉介绍，很好。陕西省人民政府办公厅印发《方案》。"
     "园区与国网辽宁省电力有限公司签订协议。",
     {("2025大庆数字经济项目集中签约仪式", "heldIn", "大庆市"), ("王立新", "worksFor", "大庆市人民政府"),
      ("江西省算力产业联盟2025年年会", "heldIn", "南昌市"), ("李明辉", "worksFor", "阿里地区行政公署"),
      ("陕西省人民政府办公厅", "subOrganizationOf", "陕西省人民政府"), ("国网辽宁省电力有限公司", "subOrganizationOf", "国家电网")}),
    # a national centre's branch (……中心临沂分中心) is part of it; ……开园仪式 is an event; 2025……项目推介会 a conference; the
    # facilities a list names (清单中，A、B和C……) are selected for it
    ("11月20日，2025乌兰察布算力产业项目推介会在集宁区举行。国家超级计算济南中心临沂分中心在山东省临沂市揭牌运行。"
     "香格里拉绿色数据中心产业园开园仪式在云南省迪庆藏族自治州香格里拉市举行。乌兰察布市发布《乌兰察布数据中心集群2025年重点项目清单》。"
     "清单中，乌兰察布云谷数据中心、中国联通乌兰察布智算中心和集宁绿能算力产业园位列前三。",
     {("2025乌兰察布算力产业项目推介会", "heldIn", "集宁区"),
      ("国家超级计算济南中心临沂分中心", "partOf", "国家超级计算济南中心"),
      ("香格里拉绿色数据中心产业园开园仪式", "heldIn", "香格里拉市"),
      ("乌兰察布云谷数据中心", "selectedFor", "乌兰察布数据中心集群2025年重点项目清单"),
      ("集宁绿能算力产业园", "selectedFor", "乌兰察布数据中心集群2025年重点项目清单")}),
    # a bare 会议 (or 研讨会, 年会) stands for the event named before; 由其运营的A: 其 is the firm just named
    ("当天，2025智慧港口与算力融合发展研讨会在天津举行。会议由天津市交通运输委员会和天津港集团联合主办。海东绿色算力基地投运。"
     "基地与黄河上游水电开发有限责任公司签订了协议，由其运营的李家峡水电站提供稳定电源。",
     {("2025智慧港口与算力融合发展研讨会", "organizedBy", "天津市交通运输委员会"),
      ("2025智慧港口与算力融合发展研讨会", "organizedBy", "天津港集团"),
      ("李家峡水电站", "operatedBy", "黄河上游水电开发有限责任公司"), ("李家峡水电站", "supports", "海东绿色算力基地")}),
    # 日常运营由X负责: X runs it, and who built it supports it; 由A和B共同运营: both run it; power 来自附近……的X
    ("株洲超级计算中心完成改造。中心由株洲市人民政府投资建设，日常运营由湖南工业大学负责。西安秦创智算科研平台启用。"
     "平台由西安理工大学和中国电信陕西分公司共同运营。梧州西江数据中心投运。数据中心的绿电主要来自附近装机容量约63万千瓦的长洲水电站。",
     {("株洲超级计算中心", "operatedBy", "湖南工业大学"), ("株洲市人民政府", "supports", "株洲超级计算中心"),
      ("西安秦创智算科研平台", "operatedBy", "西安理工大学"), ("西安秦创智算科研平台", "operatedBy", "中国电信陕西分公司"),
      ("长洲水电站", "supports", "梧州西江数据中心")}),
    # a bare kind word opens the sentence that places it in a park: what 由……运营 runs is the facility, not the park
    ("锡林郭勒盟绿色算力集群一期建成。算力集群位于锡林浩特经济技术开发区，由内蒙古锡盟算力科技有限公司负责建设运营。",
     {("锡林郭勒盟绿色算力集群", "operatedBy", "内蒙古锡盟算力科技有限公司")}),
    # titles of founders and of a league's and a town's heads; China Unicom's legal name (联合 is no verb there)
    ("锡林郭勒盟行政公署副盟长巴特尔表示，集群很好。安徽星图智绘科技有限公司是首批领券企业之一。公司创始人韩松算了一笔账。"
     "中国联合网络通信有限公司云南省分公司副总经理杨立军说，效果很好。",
     {("巴特尔", "worksFor", "锡林郭勒盟行政公署"), ("韩松", "worksFor", "安徽星图智绘科技有限公司"),
      ("中国联合网络通信有限公司云南省分公司", "subOrganizationOf", "中国联通"),
      ("杨立军", "worksFor", "中国联合网络通信有限公司云南省分公司")}),
])


def test_relations_of_unseen_sentences(text, expected):
    ann = _auto(" 标题\n\n" + text)
    names = {e.id: e.label.zh for e in ann.entities}
    readable = {(names[r.subject], r.predicate, names[r.object]) for r in ann.relations}
    assert expected <= readable, expected - readable


def test_a_natural_feature_is_no_part_of_the_place_before_it():
    """辽宁省丹东市: the city is part of the province; 丹东市鸭绿江: the river is no part of the city."""
    ann = _auto(" 标题\n\n辽宁省丹东市鸭绿江畔的丹东数据中心投运。湖南省浏阳河沿岸的浏阳数据中心投运。")
    names = {e.id: e.label.zh for e in ann.entities}
    readable = {(names[r.subject], r.predicate, names[r.object]) for r in ann.relations}
    assert ("丹东市", "partOf", "辽宁省") in readable
    assert not [r for r in readable if r[0] in ("鸭绿江", "浏阳河") and r[1] == "partOf"], readable


def test_no_name_runs_across_a_space_the_clean_text_dropped(tmp_path):
    """A headline's two parts (……新方案 昌平高校智算中心同日揭牌) are two phrases though the clean text joins them."""
    path = tmp_path / "a.txt"
    path.write_text("  北京发布算力绿色低碳发展新方案 昌平高校智算中心同日揭牌\n\n6月26日，昌平高校智算中心揭牌。\n", encoding="utf-8")
    names = {e.label.zh for e in annotate(load_article(path)).entities}
    assert "昌平高校智算中心" in names and not [n for n in names if n.startswith("算力绿色")], names


def test_the_measures_of_one_sentence_share_its_topic():
    """中心……，设计绿电使用比例不低于60%，采用冷板式液冷技术，设计PUE不高于1.2: a figure the rules tie to nothing of its own
    measures what the sentence's figure before it measures."""
    ann = _auto(" 标题\n\n太谷农业智算中心占地约6.5公顷。据悉，该校已联合智算中心筹建大模型。\n\n绿色低碳是这个项目的名片。中心将通过"
                "晋中市的源网荷储一体化项目采购电力，设计绿电使用比例不低于60%，采用冷板式液冷技术，设计PUE不高于1.2。")
    names = {e.id: e.label.zh for e in ann.entities}
    figures = {(names[f.subject], f.measure, f.evidence.text) for f in ann.figures}
    assert {("太谷农业智算中心", "greenPowerShare", "不低于60%"),
            ("太谷农业智算中心", "powerUsageEffectiveness", "不高于1.2")} <= figures, figures


def test_a_bare_word_that_is_the_topic_of_its_clause_is_what_the_figure_measures():
    """数据中心位于园区东北角，占地……: the clause's topic (the centre), not the park it is placed in; 园区内的X中心: X; a
    phase opening a sentence (一期已建成……) is the facility named before, not a place of the sentences between; the
    topic of a clause further back runs on to the figure, until a name opens a clause (目前托里县已并网……); a phase is
    not the power plant that feeds the facility; 选址 places a park as 选址于 does; a word opening a clause before one
    inside it (……，依托园区屋顶光伏，绿电使用比例……: not the park); a phase (二期扩容项目) is of the facility the text
    names most, not of a platform just named, nor of the park it is placed in; 该通知提出 a target: the notice's; a short
    form that ends a facility's name (训练中心位于……) opens its clause."""
    ann = _auto(" 标题\n\n走进凤阳硅基新材料产业园，这就是凤阳硅基绿色数据中心。据介绍，这家企业由中国电信（安徽）滁州分公司出资组建。"
                "数据中心位于园区东北角，占地约60亩。一期已建成标准机架1500个，算力规模800PFlops。"
                "园区内的中国移动（江西）上饶智算中心于2024年12月投入运营，一期总投资约12亿元。\n\n"
                "莎车光伏边缘数据中心投运。数据中心坐落在莎车县工业园区内，占地约45亩，部署标准机架400个。"
                "依托岷江沿岸梯级水电站的直供电力，中心绿电占比达98%，加上自然风冷，年均PUE降至1.18。"
                "基地所需电力来自托里县的风电场，目前托里县已并网风电装机容量达到230万千瓦。\n\n"
                "陆丰核风绿色智算产业园开工。据介绍，陆丰核电站由中国广核集团建设运营。一期计划2026年底投产，建设标准机架5000个。"
                "据介绍，清河县绿色算力中心投运，算力中心选址清河经济开发区，占地约60亩。\n\n"
                "凤阳硅基绿色数据中心投运。数据中心采用浸没式液冷技术，依托园区屋顶光伏，绿电使用比例已达到65%。"
                "贵港电动车产业数据中心开工。项目总投资约12亿元，选址贵港市新能源电动车产业园，规划用地约150亩。\n\n"
                "灌云石化基地算力中心投运。灌云石化基地算力中心由中国电信连云港分公司运营。中心还上线了灌云化工工业互联网平台。"
                "此次启动的二期扩容项目总投资约18亿元。桂林旅游大数据中心投运。据介绍，大数据中心的绿电使用比例超过45%。\n\n"
                "彰武风光储一体化绿色数据中心投产。彰武风光储一体化绿色数据中心是辽宁首个沙地绿电算力项目。当地风大沙多。冬季漫长。"
                "记者：规模如何？\n\n刘振宇：项目由辽宁沙海数智能源有限公司投资建设和运营，选址在彰武经济开发区，一期建成标准机架2000个。\n\n"
                "陕西省发展和改革委员会印发《关于推进算力基础设施与新能源协同发展的通知》。据介绍，该通知提出，到2027年，"
                "全省新建数据中心绿电使用比例不低于80%。玉柴人工智能训练中心投运。据他介绍，训练中心位于玉林经济开发区，占地约60亩，"
                "总投资12亿元。")
    names = {e.id: e.label.zh for e in ann.entities}
    figures = {(f.evidence.text, names[f.subject]) for f in ann.figures}
    assert {("约60亩", "凤阳硅基绿色数据中心"), ("1500个", "凤阳硅基绿色数据中心"), ("800PFlops", "凤阳硅基绿色数据中心"),
            ("约12亿元", "中国移动（江西）上饶智算中心"), ("400个", "莎车光伏边缘数据中心"),
            ("1.18", "莎车光伏边缘数据中心"), ("230万千瓦", "托里县"), ("5000个", "陆丰核风绿色智算产业园"),
            ("约60亩", "清河县绿色算力中心"), ("65%", "凤阳硅基绿色数据中心"), ("约150亩", "贵港电动车产业数据中心"),
            ("约18亿元", "灌云石化基地算力中心"), ("超过45%", "桂林旅游大数据中心"),
            ("2000个", "彰武风光储一体化绿色数据中心"), ("不低于80%", "关于推进算力基础设施与新能源协同发展的通知"),
            ("12亿元", "玉柴人工智能训练中心")} <= figures, figures


def test_the_figures_of_an_interview_answer_are_the_project_the_text_is_about():
    """A bare 项目 in an answer (杨再兴：项目总投资……) and a bare 中心 measure the facility named before, not one named
    later; racks counted with 个 keep what they count; a 规模化数据中心 is no name; 我们 opening an answer is the
    speaker's facility."""
    ann = _auto(" 标题\n\n今年9月，西秀洞穴数据中心一期投运，首批1200个标准机架上线，这是贵州首个规模化数据中心。"
                "\n\n记者：效果如何？\n\n杨再兴：一期运行以来，中心实测PUE为1.16。\n\n记者：项目规模有多大？\n\n"
                "杨再兴：项目总投资约26亿元，占地约90亩，全部建成后将形成5000个标准机架。\n\n"
                "杨再兴：我们还与贵安新区的华为云贵安数据中心建立了灾备合作。")
    names = {e.id: e.label.zh for e in ann.entities}
    figures = {(names[f.subject], f.measure, f.evidence.text) for f in ann.figures}
    assert {("西秀洞穴数据中心", "rackCapacity", "1200个标准机架"), ("西秀洞穴数据中心", "powerUsageEffectiveness", "1.16"),
            ("西秀洞穴数据中心", "investment", "约26亿元"), ("西秀洞穴数据中心", "siteArea", "约90亩"),
            ("西秀洞穴数据中心", "rackCapacity", "5000个标准机架")} <= figures, figures
    answer = _auto(" 标题\n\n今年10月，迁安钢铁工业智算中心在迁安经济开发区投运。\n\n记者：规模和能耗水平如何？\n\n"
                   "刘振华：一期部署标准机架800个，二期工程2026年完成。我们利用钢厂余热回收和厂区屋顶光伏，年均PUE控制在1.2以下。")
    names = {e.id: e.label.zh for e in answer.entities}
    assert ("迁安钢铁工业智算中心", "1.2以下") in {(names[f.subject], f.evidence.text) for f in answer.figures}
    assert "规模化数据中心" not in names.values()


def test_a_body_is_in_the_narrowest_place_its_name_gives():
    """宁夏吴忠……有限公司 is in 吴忠, 天津市滨海新区人民政府 in 滨海新区, a branch office in its branch's place: not in
    the wider place the name opens with."""
    ann = _auto(" 标题\n\n2024年，宁夏吴忠数字产业发展集团有限公司与天津市滨海新区人民政府签约，"
                "内蒙古电力（集团）有限责任公司乌兰察布供电分公司参加。")
    names = {e.id: e.label.zh for e in ann.entities}
    located = {(names[r.subject], names[r.object]) for r in ann.relations if r.predicate == "locatedIn"}
    assert located >= {("宁夏吴忠数字产业发展集团有限公司", "吴忠"), ("天津市滨海新区人民政府", "滨海新区"),
                       ("内蒙古电力（集团）有限责任公司乌兰察布供电分公司", "乌兰察布")}, located
    assert not {place for _, place in located} & {"宁夏", "天津市", "内蒙古"}, located


def test_a_character_of_a_name_is_no_preposition():
    """为 of 华为 is no 为 (for): the firms of a list that build in a place support nobody."""
    ann = _auto(" 标题\n\n近年来，中国电信、中国移动三大运营商以及华为、腾讯、苹果等企业纷纷在贵安新区建设数据中心。")
    assert not [r for r in ann.relations if r.predicate == "supports"], ann.relations


def test_a_place_word_the_dictionary_lacks_is_a_place():
    """Prefecture-level cities by their short names (kg/annotate/cities.txt): 营口 and 张家口 are places."""
    ann = _auto(" 标题\n\n2024年，辽宁省支持大连、营口等沿海城市建设数据中心，河北张家口也在推进。")
    places = {e.label.zh for e in ann.entities if e.type in ("City", "Prefecture", "Province")}
    assert {"营口", "张家口"} <= places, places


@pytest.mark.parametrize("name, core", [
    ("成都陆港智运物流有限公司", "陆港智运"), ("华阳新材料科技集团有限公司", "华阳"), ("有限公司", None), ("科技集团", None),
    ("中国移动（宁夏）有限公司", None), ("湖南省有限公司", None), ("鄂尔多斯蒙云算力科技有限公司", "蒙云"),
])
def test_the_short_name_of_a_firm(name, core):
    from kg.annotate.extract import firm_core

    assert firm_core(name) == core


@pytest.mark.parametrize("text, names", [
    # a firm's short name that keeps a trade word is the firm too
    ("2024年，鄂尔多斯蒙云算力科技有限公司成立。蒙云算力总经理王立说，进展顺利。", {"鄂尔多斯蒙云算力科技有限公司"}),
    # a legal name with a place in brackets is one name; a description and a country before a name are not part of it
    ("2024年，芯片设计企业维森智能制造（苏州）有限公司由德国维森集团设立。",
     {"维森智能制造（苏州）有限公司", "维森集团"}),
    # banners and their governments
    ("2024年，鄂尔多斯市达拉特旗政府支持数据中心建设。", {"鄂尔多斯市", "达拉特旗", "达拉特旗政府"}),
])
def test_names_of_unseen_shapes(text, names):
    ann = _auto(" 标题\n\n" + text)
    found = {e.label.zh for e in ann.entities}
    assert names <= found, names - found
    assert not {n for n in found if n.startswith(("芯片设计企业", "德国维森"))}


def test_a_place_that_opens_a_longer_name_is_a_mention_of_it():
    """兰州 of 兰州新区 is the city (and 兰州新区 stays a place of its own); 永川 is 永川区 under its short name."""
    ann = _auto(" 标题\n\n2024年，甘肃兰州新区的数据中心产业园开园。重庆市永川区的园区也开园了，永川的企业纷纷入驻。")
    places = {e.label.zh: [m.text for m in e.mentions] for e in ann.entities if e.type in ("City", "AdministrativeRegion")}
    assert places["兰州"] == ["兰州"] and places["兰州新区"] == ["兰州新区"]
    assert places["永川区"] == ["永川区", "永川"]


def test_ports_vouchers_and_the_short_names_of_towns_and_autonomous_counties():
    ann = _auto(" 标题\n\n2024年，温州港的调度系统迁入温州智算中心，温州港集团有限公司负责运营。"
                "市里设立“算力券”，企业用算力券抵扣费用。景宁畲族自治县的景宁绿色数据中心投运，景宁的企业纷纷入驻。")
    kinds = {e.label.zh: (e.type, [m.text for m in e.mentions]) for e in ann.entities}
    assert kinds["温州港"][0] == "Facility" and kinds["温州港集团有限公司"][0] == "Firm"  # the port is not the firm
    assert kinds["算力券"] == ("Program", ["算力券", "算力券"])
    assert "景宁" in kinds["景宁畲族自治县"][1]


def test_a_facility_named_later_by_a_short_form_is_one_facility():
    ann = _auto(" 标题\n\n2024年，长春人工智能计算中心投运。车企使用长春智算中心的算力。"
                "中卫数据中心与后来的中卫云计算数据中心是两座。")
    facilities = {e.label.zh: [m.text for m in e.mentions] for e in ann.entities if e.type == "DataCenter"}
    assert facilities["长春人工智能计算中心"] == ["长春人工智能计算中心", "长春智算中心"]
    # a longer name that comes after a shorter one is another facility
    assert "中卫数据中心" in facilities and "中卫云计算数据中心" in facilities


def test_national_programmes_by_their_shape():
    ann = _auto(" 标题\n\n2024年，甘肃是全国首个国家算力调度综合试验区，兰州入选国家数字经济创新发展先导区，"
                "项目被纳入“算力普惠”专项。")
    programmes = {e.label.zh for e in ann.entities if e.type == "Program"}
    assert {"国家算力调度综合试验区", "国家数字经济创新发展先导区", "“算力普惠”专项"} <= programmes, programmes


def test_a_four_character_name_after_a_title_is_a_person():
    ann = _auto(" 标题\n\n2024年，拉萨云数科技有限公司总经理格桑顿珠说，进展顺利。")
    people = {e.label.zh for e in ann.entities if e.type == "Person"}
    assert people == {"格桑顿珠"}


def test_a_foreign_name_ends_before_the_speech_cue():
    ann = _auto(" 标题\n\n2024年，苏州维森科技有限公司总经理托马斯·韦伯表示，进展顺利。")
    assert {e.label.zh for e in ann.entities if e.type == "Person"} == {"托马斯·韦伯"}


def test_an_academician_is_a_member_not_an_employee():
    ann = _auto(" 标题\n\n2024年，浙江大学算力实验室主任、中国工程院院士李明表示，进展顺利。")
    names = {e.id: e.label.zh for e in ann.entities}
    readable = {(names[r.subject], r.predicate, names[r.object]) for r in ann.relations}
    assert ("李明", "worksFor", "浙江大学算力实验室") in readable
    assert not {r for r in readable if r[0] == "李明" and r[2] == "中国工程院"}


def test_a_draft_of_the_seed_builds_into_a_graph_that_conforms(article):
    draft = annotate(article)
    assert all(item.source == "auto" and item.confidence is not None
               for item in [*draft.entities, *draft.relations, *draft.figures, *draft.attributes])
    graph = build_graph([AnnotatedArticle(article, draft, CORPUS / "draft.annotations.json")])
    report = validate(graph)
    assert report.conforms, report.text()


@pytest.fixture(scope="module")
def held_out():
    """101-103: written by the kg developers; the rules were developed on them (and on corpus/dev/)."""
    return [load_annotated(CORPUS / f"{name}.annotations.json") for name in HELD_OUT]


HELDOUT_DIR = CORPUS / "heldout"
DEV_DIR = CORPUS / "dev"


@pytest.fixture(scope="module")
def frozen():
    """corpus/heldout/: articles written and annotated blind, then frozen: scored, never tuned on."""
    from kg.evaluate import evaluate_corpus

    return evaluate_corpus([HELDOUT_DIR])


#: The twenty-one frozen sets: 201-206 (scored after each round of tuning on the dev articles), 207-212, 213-218, 219-224,
#: 225-230, 231-236, 237-242, 243-248, 249-254, 255-260, 261-266, and ten sets of three, 267-269 to 294-296 (each frozen in
#: git before the pipeline first ran on it, then scored after rounds of tuning on dev articles; 255-260 and later scored
#: once, at the end of the session that froze them: 279-296 at the end of the session that tuned on dev 799-894).
FIRST_SET = tuple(f"20{n}" for n in range(1, 7))
SECOND_SET = tuple(f"2{n:02d}" for n in range(7, 13))
THIRD_SET = tuple(f"2{n:02d}" for n in range(13, 19))
FOURTH_SET = tuple(f"2{n:02d}" for n in range(19, 25))
FIFTH_SET = tuple(f"2{n:02d}" for n in range(25, 31))
SIXTH_SET = tuple(f"2{n:02d}" for n in range(31, 37))
SEVENTH_SET = tuple(f"2{n:02d}" for n in range(37, 43))
EIGHTH_SET = tuple(f"2{n:02d}" for n in range(43, 49))
NINTH_SET = tuple(f"2{n:02d}" for n in range(49, 55))
TENTH_SET = tuple(f"2{n:02d}" for n in range(55, 61))
ELEVENTH_SET = tuple(f"2{n:02d}" for n in range(61, 67))
TWELFTH_SET = ("267", "268", "269")
THIRTEENTH_SET = ("270", "271", "272")
FOURTEENTH_SET = ("273", "274", "275")
FIFTEENTH_SET = ("276", "277", "278")
SIXTEENTH_SET = ("279", "280", "281")
SEVENTEENTH_SET = ("282", "283", "284")
EIGHTEENTH_SET = ("285", "286", "287")
NINETEENTH_SET = ("288", "289", "290")
TWENTIETH_SET = ("291", "292", "293")
TWENTY_FIRST_SET = ("294", "295", "296")


def test_the_gazetteer_never_saw_the_held_out_articles(held_out):
    assert SOURCES == ("corpus/000_fcbe63b8009f4bc7.annotations.json",)
    names = {n for entry in load_gazetteer() for n in entry["names"]}
    seed_and_registry = names
    frozen_docs = [load_annotated(p) for p in sorted(HELDOUT_DIR.glob("*.annotations.json"))]
    assert len(frozen_docs) >= 4
    for doc in [*held_out, *frozen_docs]:
        specific = {e.label.zh for e in doc.annotations.entities if e.type in ("DataCenter", "Person", "Plan")}
        assert not specific & seed_and_registry, specific & seed_and_registry


def test_the_gazetteer_never_reads_a_held_out_or_dev_file(monkeypatch):
    """Generating the gazetteer opens the seed's annotations and the general-knowledge tables, nothing else."""
    import builtins
    import io

    from kg.annotate.gazetteer import gazetteer_text

    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    text = gazetteer_text()
    corpus_files = [p for p in opened if "corpus" in p]
    assert corpus_files and all(p.endswith("000_fcbe63b8009f4bc7.annotations.json") for p in corpus_files), opened
    assert not [p for p in opened if "heldout" in p or "/dev/" in p]
    assert text == (Path(kg.annotate.gazetteer.__file__).parent / "gazetteer.jsonl").read_text(encoding="utf-8")


def test_scores_on_the_articles_the_rules_were_developed_on(held_out):
    """101-103 (and the seed, which also feeds the gazetteer): floors the rules reach on what they were tuned on."""
    total = None
    for doc in held_out:
        result = evaluate(doc.annotations, annotate(doc.article))
        assert result.rows["entities"]["exact"].f1 >= 0.95, doc.article.id
        assert result.rows["relations"]["exact"].recall >= 0.85, doc.article.id
        total = result if total is None else total + result
    assert total.rows["entities"]["exact"].f1 >= 0.97
    assert total.rows["relations"]["exact"].f1 >= 0.88
    assert total.rows["figures"]["exact"].f1 >= 0.90


def test_frozen_held_out_scores(frozen):
    """The scores of kg annotate on the ninety-six frozen articles, measured as docs/annotate.md reports them (a floor a
    little under each): what the pipeline really reaches on text nobody tuned it on, not a target."""
    from kg.evaluate import total as summed

    sets_of_names = (FIRST_SET, SECOND_SET, THIRD_SET, FOURTH_SET, FIFTH_SET, SIXTH_SET, SEVENTH_SET, EIGHTH_SET,
                     NINTH_SET, TENTH_SET, ELEVENTH_SET, TWELFTH_SET, THIRTEENTH_SET, FOURTEENTH_SET, FIFTEENTH_SET,
                     SIXTEENTH_SET, SEVENTEENTH_SET, EIGHTEENTH_SET, NINETEENTH_SET, TWENTIETH_SET, TWENTY_FIRST_SET)
    assert sorted(name[:3] for name in frozen) == sorted(sum(sets_of_names, ()))
    sets = [{name: result for name, result in frozen.items() if name.startswith(prefixes)} for prefixes in sets_of_names]
    # per article: entity F1, relation precision and recall, figure precision and recall
    per_article = ((0.88, 0.71, 0.65, 0.90, 0.83), (0.92, 0.76, 0.60, 0.80, 0.88), (0.88, 0.80, 0.57, 0.98, 0.87),
                   (0.80, 0.83, 0.55, 0.81, 0.86), (0.89, 0.69, 0.65, 0.86, 0.86), (0.85, 0.73, 0.58, 0.87, 0.78),
                   (0.88, 0.80, 0.70, 0.95, 0.58), (0.86, 0.67, 0.60, 0.78, 0.86), (0.90, 0.78, 0.66, 0.95, 0.88),
                   (0.87, 0.67, 0.63, 0.83, 0.78), (0.84, 0.67, 0.52, 0.85, 0.78), (0.88, 0.72, 0.55, 0.98, 0.98),
                   (0.93, 0.71, 0.75, 0.86, 0.84), (0.88, 0.82, 0.69, 0.73, 0.58), (0.94, 0.75, 0.74, 0.98, 0.87),
                   (0.93, 0.83, 0.63, 0.91, 0.61), (0.92, 0.74, 0.74, 0.90, 0.82), (0.90, 0.77, 0.75, 0.89, 0.49),
                   (0.87, 0.83, 0.63, 0.76, 0.79), (0.91, 0.79, 0.73, 0.99, 0.91), (0.79, 0.72, 0.66, 0.77, 0.90))
    for results, floors in zip(sets, per_article):
        for name, result in results.items():
            rows = result.rows
            assert rows["entities"]["exact"].f1 >= floors[0], name
            assert rows["relations"]["exact"].precision >= floors[1], name
            assert rows["relations"]["exact"].recall >= floors[2], name
            assert rows["figures"]["exact"].precision >= floors[3], name
            assert rows["figures"]["exact"].recall >= floors[4], name
    # each set: entity F1, relation recall, figure precision and recall
    for results, floors in zip(sets, ((0.93, 0.75, 0.95, 0.92), (0.94, 0.76, 0.91, 0.95), (0.94, 0.68, 0.98, 0.93),
                                      (0.89, 0.60, 0.94, 0.91), (0.93, 0.72, 0.96, 0.93), (0.92, 0.78, 0.96, 0.93),
                                      (0.93, 0.76, 0.98, 0.88), (0.94, 0.73, 0.95, 0.96), (0.94, 0.76, 0.98, 0.93),
                                      (0.92, 0.70, 0.95, 0.90), (0.91, 0.66, 0.96, 0.93), (0.92, 0.70, 0.98, 0.98),
                                      (0.94, 0.79, 0.95, 0.89), (0.93, 0.75, 0.82, 0.73), (0.95, 0.78, 0.98, 0.91),
                                      (0.96, 0.74, 0.95, 0.88), (0.95, 0.84, 0.96, 0.93), (0.93, 0.80, 0.92, 0.80),
                                      (0.93, 0.74, 0.82, 0.88), (0.94, 0.79, 0.99, 0.93), (0.91, 0.84, 0.89, 0.95))):
        scores = summed(results).rows
        assert scores["entities"]["exact"].f1 >= floors[0]
        assert scores["relations"]["exact"].recall >= floors[1]
        assert scores["figures"]["exact"].precision >= floors[2]
        assert scores["figures"]["exact"].recall >= floors[3]
    all_of_them = summed(frozen).rows
    assert all_of_them["entities"]["overlap"].f1 >= 0.95
    assert all_of_them["relations"]["exact"].recall >= 0.74
    assert all_of_them["figures+subject"]["exact"].f1 >= 0.82


def test_scores_on_the_dev_articles(held_out):
    from kg.evaluate import evaluate_corpus, total as summed

    scores = evaluate_corpus([DEV_DIR])
    assert len(scores) == 594  # 301-360, and 361-894 written blind in fifty-nine batches, each scored before tuning on it
    for name, result in scores.items():
        assert result.rows["entities"]["exact"].f1 >= 0.74, name
        assert result.rows["relations"]["exact"].recall >= 0.35, name
    assert summed(scores).rows["entities"]["exact"].f1 >= 0.95
    assert summed(scores).rows["relations"]["exact"].recall >= 0.80
    assert summed(scores).rows["figures"]["exact"].precision >= 0.94
    assert summed(scores).rows["figures+subject"]["exact"].f1 >= 0.75


def test_evaluate_counts_exact_and_overlapping_matches(seed):
    gold = seed.annotations
    first = gold.entities[0]
    shifted = first.model_copy(update={"mentions": [m.model_copy(update={"end": m.end - 1, "text": m.text[:-1]})
                                                    for m in first.mentions]})
    pred = gold.model_copy(update={"entities": [shifted, *gold.entities[1:]]})
    result = evaluate(gold, pred)
    region = result.rows["Region"]
    moved = len(first.mentions)
    assert region["exact"].matched == region["exact"].gold - moved
    assert region["overlap"].matched == region["overlap"].gold
    assert result.rows["entities"]["exact"].precision == pytest.approx(1 - moved / result.rows["entities"]["exact"].predicted)


def test_a_predicted_entity_that_shares_no_mention_is_aligned_to_no_gold_entity(seed):
    """A relation about a predicted entity no gold mention matches is wrong, whatever the ids say: the
    entity is not taken for the first gold entity of its class."""
    gold = seed.annotations
    from kg.evaluate import category_of

    # the region whose id sorts first: the one an unaligned region was taken for
    region = min((e for e in gold.entities if category_of(e.type) == "Region"
                  and any(r.object == e.id for r in gold.relations)), key=lambda e: e.id)
    fact = next(r for r in gold.relations if r.object == region.id)
    # the prediction names the province only where no gold mention stands (the article's first character)
    stray = region.model_copy(update={"id": "stray", "mentions": [
        region.mentions[0].model_copy(update={"start": 0, "end": 1, "text": seed.article.text[0]})]})
    subject = next(e for e in gold.entities if e.id == fact.subject)
    pred = gold.model_copy(update={"entities": [stray, subject], "relations": [
        fact.model_copy(update={"object": "stray"})]})
    assert evaluate(gold, pred).rows["relations"]["exact"].matched == 0


def test_annotate_command_writes_json_or_yaml_that_build_takes(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # the run's time is part of the draft
    article = tmp_path / "101.txt"
    article.write_bytes((CORPUS / "101_ningxia_zhongwei.txt").read_bytes())
    as_json = tmp_path / "101.annotations.json"
    as_yaml = tmp_path / "other.annotations.yaml"
    assert runner.invoke(app, ["annotate", str(article), "-o", str(as_json)]).exit_code == 0
    assert runner.invoke(app, ["annotate", str(article), "-o", str(as_yaml)]).exit_code == 0
    assert read_annotations(as_json).model_dump() == read_annotations(as_yaml).model_dump()
    assert isinstance(yaml.safe_load(as_yaml.read_text(encoding="utf-8")), dict)
    graph = kg.build([as_json, CORPUS / "000_fcbe63b8009f4bc7.annotations.json"])
    assert kg.summarize(graph).articles == 2
    again = runner.invoke(app, ["annotate", str(article), "-o", str(as_json)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert runner.invoke(app, ["annotate", str(article), "-o", str(as_json), "--force"]).exit_code == 0


def test_annotate_many_into_a_folder(runner, tmp_path):
    out = tmp_path / "drafts"
    paths = [str(CORPUS / f"{name}.txt") for name in HELD_OUT]
    result = runner.invoke(app, ["annotate", *paths, "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.annotations.json" for n in HELD_OUT)
    assert kg.summarize(kg.build([out])).articles == 3


def test_evaluate_command(runner, tmp_path):
    pred = tmp_path / "pred.annotations.json"
    gold = CORPUS / "102_guizhou_guian.annotations.json"
    assert runner.invoke(app, ["annotate", str(CORPUS / "102_guizhou_guian.txt"), "-o", str(pred)]).exit_code == 0
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred), "--json"])
    scores = json.loads(result.stdout)
    assert set(scores["total"]) >= {"Region", "Firm", "entities", "relations", "figures"}
    assert 0 < scores["total"]["entities"]["exact"]["f1"] <= 1
    assert scores["articles"]["102_guizhou_guian"] == scores["total"]
    table = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred)])
    assert table.exit_code == 0 and "relations" in table.stdout
    uneven = runner.invoke(app, ["evaluate", "--gold", str(gold), "--gold", str(gold), "--pred", str(pred)])
    assert uneven.exit_code == 2 and "give them in pairs" in uneven.stderr


def test_evaluate_without_predictions_scores_kg_annotate_per_article(runner):
    """No --pred: each gold file's article is annotated afresh; a folder stands for its annotation files."""
    result = runner.invoke(app, ["evaluate", "--gold", str(CORPUS), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert list(scores["articles"]) == ["000_fcbe63b8009f4bc7", *HELD_OUT]
    per_article_gold = sum(a["entities"]["exact"]["gold"] for a in scores["articles"].values())
    assert scores["total"]["entities"]["exact"]["gold"] == per_article_gold
    table = runner.invoke(app, ["evaluate", "--gold", str(CORPUS)])
    assert "per article" in table.stdout and "103_gansu_qingyang" in table.stdout


@pytest.mark.parametrize("text, title", [
    (" 沙漠边上的“数据绿洲”\n\n本报记者 王海燕\n\n宁夏西云数据科技有限公司在中卫市建设数据中心。\n", "沙漠边上的“数据绿洲”"),
    ("芜湖：算力“底座”加速成形\n本报记者 孙嘉禾\n宁夏西云数据科技有限公司在中卫市建设数据中心。\n", "芜湖：算力“底座”加速成形"),
    ("芜湖：算力“底座”加速成形\n\n宁夏西云数据科技有限公司在中卫市建设\n\n数据中心。\n", "芜湖：算力“底座”加速成形"),
    ("宁夏西云数据科技有限公司在中卫市建设数据中心。美团也来了。\n", "宁夏西云数据科技有限公司在中卫市建设数据中心。"),
])
def test_the_draft_title_is_the_headline_alone_else_the_first_sentence(text, title):
    from kg.annotate.english import romanise

    info = _auto(text).article
    assert info.title.zh == title
    assert info.title.en is None, "a headline is not translated word by word"
    assert info.title.pinyin == romanise(title)


def test_draft_labels_are_english_where_a_part_is_known_else_pinyin():
    from pathlib import Path

    from kg.annotate import annotations_text

    ann = _auto(" 标题\n\n本报记者 王海燕\n\n宁夏西云数据科技有限公司在和林格尔集群建设数据中心，西云表示满意。\n")
    labels = {e.label.zh: (e.label.en, e.label.pinyin) for e in ann.entities}
    assert labels["宁夏西云数据科技有限公司"] == ("Ningxia Xiyun Data Technology Co., Ltd.", None)
    assert labels["和林格尔集群"] == ("Helinge'er Cluster", None)
    assert labels["王海燕"] == (None, "Wang Haiyan")
    data = json.loads(annotations_text(ann, Path("draft.json")))
    person = next(e for e in data["entities"] if e["label"]["zh"] == "王海燕")
    assert person["label"] == {"zh": "王海燕", "zh-Latn-pinyin": "Wang Haiyan"}
