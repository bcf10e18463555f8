"""Lexical knowledge the annotator's rules use: name suffixes, boundaries, cues, units, measures.

Nothing here is taken from a particular article: these are the patterns by which
Chinese news names regions, facilities, firms, organisations, policies, events and
people, and states figures.
"""

from __future__ import annotations

import re

#: Name suffix -> ontology class, longest first. A name is the run of text before
#: its suffix back to a boundary (punctuation, a function word or a verb).
SUFFIX_TYPES: list[tuple[str, str]] = sorted(
    [
        # organisations (研究中心 before 中心 of facilities)
        ("发展和改革委员会", "GovernmentBody"), ("管理委员会", "GovernmentBody"), ("委员会", "Committee"),
        ("管委会", "GovernmentBody"), ("人民政府办公厅", "GovernmentBody"), ("人民政府", "GovernmentBody"),
        ("政府", "GovernmentBody"),
        ("办公厅", "GovernmentBody"), ("管理局", "GovernmentBody"), ("数据局", "GovernmentBody"), ("发展局", "GovernmentBody"),
        ("信息化局", "GovernmentBody"), ("工信局", "GovernmentBody"), ("财政局", "GovernmentBody"),
        ("统计局", "GovernmentBody"), ("税务局", "GovernmentBody"), ("教育局", "GovernmentBody"), ("交通运输局", "GovernmentBody"),
        ("生态环境局", "GovernmentBody"), ("市场监管局", "GovernmentBody"), ("发改局", "GovernmentBody"), ("经信局", "GovernmentBody"), ("能源局", "GovernmentBody"), ("资源局", "GovernmentBody"),
        ("服务局", "GovernmentBody"), ("商务局", "GovernmentBody"), ("科技局", "GovernmentBody"),
        ("大数据局", "GovernmentBody"), ("局", "GovernmentBody"), ("厅", "GovernmentBody"),
        ("部委", "GovernmentBody"), ("研究中心", "ResearchInstitute"), ("研究院", "ResearchInstitute"),
        ("研究所", "ResearchInstitute"), ("实验室", "ResearchInstitute"), ("研发总院", "ResearchInstitute"), ("联合实验室", "ResearchInstitute"), ("研究总院", "ResearchInstitute"),
        ("研发中心", "ResearchInstitute"), ("调度中心", "NetworkInfrastructure"), ("会展中心", "Facility"), ("展览中心", "Facility"), ("博览中心", "Facility"),
        ("促进中心", "GovernmentBody"), ("信息化中心", "Organization"), ("信息中心", "Organization"),
        ("服务中心", "GovernmentBody"), ("数据服务中心", "DataCenter"), ("算力服务中心", "DataCenter"), ("学部", "ResearchInstitute"), ("专班", "Committee"), ("指挥部", "GovernmentBody"), ("医院", "Organization"), ("共同体", "Consortium"), ("联合体", "Consortium"), ("联盟", "Consortium"),
        ("协会", "Consortium"), ("学会", "Consortium"), ("产业联盟", "Consortium"), ("联合会", "Consortium"),
        ("大学", "ResearchInstitute"), ("科学院", "ResearchInstitute"), ("工程院", "ResearchInstitute"),
        ("学院", "ResearchInstitute"), ("重点实验室", "ResearchInstitute"), ("创新中心", "ResearchInstitute"),
        ("办公室", "GovernmentBody"), ("发展改革委", "GovernmentBody"), ("发改委", "GovernmentBody"),
        ("网信办", "GovernmentBody"), ("证券交易所", "Organization"), ("期货交易所", "Organization"), ("交易所", "Firm"), ("交易中心", "Organization"),
        # facilities
        ("数据中心", "DataCenter"), ("云计算中心", "DataCenter"), ("智算中心", "DataCenter"),
        ("超算中心", "DataCenter"), ("计算中心", "DataCenter"), ("算力中心", "DataCenter"), ("训练中心", "DataCenter"),
        ("推理中心", "DataCenter"), ("灾备中心", "DataCenter"), ("容灾中心", "DataCenter"), ("云中心", "DataCenter"),
        ("数据中心集群", "DataCenter"), ("集群", "DataCenter"), ("数据港", "DataCenter"), ("算力站", "DataCenter"), ("枢纽节点", "Facility"), ("直联点", "NetworkInfrastructure"),
        ("算力基地", "DataCenter"), ("基地", "InnovationBase"), ("产业园", "IndustrialPark"), ("示范园", "IndustrialPark"), ("工业园", "IndustrialPark"),
        ("园区", "IndustrialPark"), ("科技园", "IndustrialPark"), ("科学城", "InnovationBase"), ("平台", "Facility"), ("风电场", "Facility"), ("光伏电站", "Facility"), ("煤矿", "Facility"),
        ("算力走廊", "Program"), ("油田", "Firm"), ("水电站", "Facility"), ("电站", "Facility"), ("变电站", "Facility"), ("储能电站", "Facility"), ("专网", "NetworkInfrastructure"), ("专线", "NetworkInfrastructure"),
        ("光缆", "NetworkInfrastructure"), ("登陆站", "NetworkInfrastructure"), ("输电工程", "NetworkInfrastructure"),
        ("科技城", "InnovationBase"), ("传输体系", "NetworkInfrastructure"), ("校区", "Organization"), ("日报", "Organization"), ("晚报", "Organization"), ("都市报", "Organization"),
        ("一体化项目", "Facility"),
        # firms
        ("银行", "Firm"), ("分行", "Firm"), ("支行", "Firm"), ("分公司", "Firm"), ("股份有限公司", "Firm"), ("有限公司", "Firm"), ("有限责任公司", "Firm"), ("公司", "Firm"),
        ("集团", "Firm"),
        # events
        ("博览会", "Conference"), ("推介会", "Conference"), ("大会", "Conference"), ("论坛", "Conference"),
        ("峰会", "Conference"), ("研讨会", "Conference"), ("发布会", "Conference"), ("展览会", "Conference"),
        ("数据中心名单", "Program"), ("项目清单", "Program"), ("对接会", "Conference"), ("洽谈会", "Conference"), ("交流会", "Conference"), ("推进会", "Conference"), ("年会", "Conference"),
        ("签约仪式", "Event"), ("开工仪式", "Event"), ("揭牌仪式", "Event"), ("启动仪式", "Event"), ("投运仪式", "Event"), ("开园仪式", "Event"), ("奠基仪式", "Event"), ("投产仪式", "Event"), ("上线仪式", "Event"),
        ("开通仪式", "Event"), ("竣工仪式", "Event"), ("启用仪式", "Event"), ("授牌仪式", "Event"),
        # regions
        ("维吾尔自治区", "Province"), ("壮族自治区", "Province"), ("回族自治区", "Province"), ("自治区", "Province"),
        ("沙漠", "GeographicRegion"), ("国家公园", "GeographicRegion"), ("盆地", "GeographicRegion"), ("沙地", "GeographicRegion"), ("风景名胜区", "GeographicRegion"), ("风景区", "GeographicRegion"),
        ("流域", "GeographicRegion"), ("岛", "GeographicRegion"), ("平原", "GeographicRegion"), ("湾", "GeographicRegion"),
        ("滩", "GeographicRegion"), ("湖", "GeographicRegion"),
        ("自治州", "Prefecture"), ("自治县", "City"), ("自治旗", "AdministrativeRegion"), ("行政公署", "GovernmentBody"), ("镇", "AdministrativeRegion"), ("省", "Province"), ("州", "Prefecture"), ("市", "City"), ("县", "City"),
        ("新区", "AdministrativeRegion"), ("开发区", "AdministrativeRegion"), ("高新区", "AdministrativeRegion"),
        ("经开区", "AdministrativeRegion"), ("示范区", "AdministrativeRegion"), ("合作区", "AdministrativeRegion"),
        ("起步区", "AdministrativeRegion"), ("新片区", "AdministrativeRegion"), ("片区", "AdministrativeRegion"),
        ("综合保税区", "IndustrialPark"), ("产业集聚区", "IndustrialPark"), ("产业集中区", "IndustrialPark"), ("工业集中区", "IndustrialPark"), ("保税港区", "IndustrialPark"), ("保税区", "IndustrialPark"), ("街道", "AdministrativeRegion"), ("新城", "AdministrativeRegion"),
        ("区", "AdministrativeRegion"), ("旗", "AdministrativeRegion"),
        ("自由贸易港", "EconomicRegion"), ("自贸港", "EconomicRegion"), ("自由贸易试验区", "EconomicRegion"),
        ("自贸试验区", "EconomicRegion"), ("经济圈", "EconomicRegion"), ("城市群", "EconomicRegion"),
        ("经济带", "EconomicRegion"), ("经济区", "EconomicRegion"), ("都市圈", "EconomicRegion"),
    ],
    key=lambda item: -len(item[0]),
)

#: Kinds of zone named by the place that has them (遂平县产业集聚区): an address before keeps its last place.
ZONE_SUFFIXES = frozenset({"产业集聚区", "产业集中区", "工业集中区"})

#: Suffixes read only where no longer suffix ends (电站 of 光伏储能电站, not of 梯级水电站 or 专用变电站).
ONLY_LONGEST = frozenset({"电站"})

#: Suffixes of a firm's short name that may also end other words: only at a boundary.
FIRM_SHORT_SUFFIXES = ("科技", "电子", "股份", "信息", "网络")

#: Kinds of policy by the end of a title in 《》.
POLICY_TITLE_TYPES: list[tuple[str, str]] = [
    ("行动计划", "Plan"), ("计划", "Plan"), ("方案", "Plan"), ("规划", "Plan"), ("纲要", "Plan"),
    ("标准", "Standard"), ("评定", "Standard"), ("方法", "Standard"), ("指南", "Standard"), ("规范", "Standard"),
    ("导则", "Standard"),
]

#: Where a name cannot start: the name begins after the last of these before its suffix.
BOUNDARY_WORDS = sorted(
    """的 在 和 与 及 是 为 了 将 由 于 对 向 从 到 把 被 等 以 其 这 该 各 即 并 或 又 也 都 已 正 还 就
    作为 位于 落户 入驻 建设 建成 成立 组建 举行 召开 发布 印发 制定 起草 推进 加快 打造 入选 走进 进入
    包括 依托 联合 牵头 支持 吸引 引进 签约 签署 投运 开幕 启动 揭牌 挂牌 参加 参会 来自 据 今年 近年来
    此外 同时 其中 以及 相继 纷纷 积极 持续 进一步 累计 全省 全国 我省 全市 省内 市内 境内 国内 区内 县内 本报记者 记者 成为 属于 达到
    提出 推动 助力 服务 面向 围绕 建在 位居 实施 提供 发挥 争取 跟进 布局 拥有 采用 容纳 保障 给予 显示
    介绍 表示 认为 指出 负责人 局长 主任 总监 经理 院长 书记 市长 省长 赴 至 往 着 过 经 同 跟 在内 里 中
    一栋栋 一座座 一排排 沿着 首个 首座 大型 超大型 孕育 正在 如火如荼 走进 显示 运行 加强 夯实 深化
    新增 开工 竣工 开展 承接 承载 部署 搭建 上线 投产 签下 携手 共建 联手 合作 引入 带动 吸纳 集聚 聚集
    汇聚 落地 打通 接入 连接 覆盖 形成 实现 完成 达成 建立 设有 看到 走访 参观 考察 调研 来到 前往 抵达 只见
    通过 利用 借助 按照 根据 围绕 瞄准 聚焦 携 与此同时 目前 如今 当前 近日 日前 此前 随后 今后 未来 已经 均 则
    列为 列入 获批 升级为 已有 有 会同 运营方 建设方 投资方 承建方 合作方 使用方 供给方 需求方 双方 各方 同意 批准
    租用 负责 项目 县域 市域 方 支撑 辐射 配合 更多 这是 那是 上述 这些 那些 此 这个 一批 多家 多个 各类 相关 当地 本地 新建 在建 已建 现有 全部 部分 所有 每 另 另一
    主导 主办 承办 协办 指导 召集 组织 邀请 出席 见证 签约仪式 仪式 上 下 内 外 旁 边 前 后 设立 注册 其间 期间
    视为 被视为 还有 提起 由该 上建 纳入 同一 约 方是 年 供电方 供应方 进 住进 送进 搬进 迁进 这一 我国 首批 使用 两地 力争 明年 后年 上市公司
    起于 止于 始于 源自 途经 适合 很 非常 十分 交给 直供 其余 交由 主人 东家 常驻 驻扎 首府 所属 迎来 迎接 公布 公示""".split(),
    key=len,
    reverse=True,
)
BOUNDARY_SET = frozenset(BOUNDARY_WORDS)
PUNCTUATION = set("，。；：、！？（）《》“”‘’「」『』()[]【】,.;:!?\n —…·")

#: Region suffixes that must not be read as regions (城市 in 智慧城市, 地区 in a list).
NOT_REGION_STEMS = {"城", "地", "全", "本", "我", "该", "各", "核心", "试验", "示范", "园", "社", "小", "省", "市",
                    "城区", "市区", "辖区", "景区", "园区", "厂区", "矿区", "山区", "牧区", "社区", "片区", "街区", "港区",
                    "功能", "产业", "集聚", "聚集", "承载", "保护", "开发", "实验", "先行", "合作", "服务", "先导",
                    "兄弟", "多位", "各级", "相关", "周边", "沿海", "城市"}

#: Common Chinese surnames (single and double), for person names after a cue.
SURNAMES = set(
    """王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁
    潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱
    江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 常 温 康 施 文 牛 樊 葛 邢 安
    齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌
    毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 牟 艾 尤 阳 时
    穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 褚 娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵
    苟 邬 边 卞 姬 师 和 仇 栾 隋 商 刁 沙 荣 巫 寇 桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 习 索 达 扎 拉""".split()
) | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙"}

#: Job titles that come before a name (总监冉永明) or after it (习近平总书记), Chinese -> English.
TITLES = {
    "高级业务总监": "Senior Business Director", "运营总监": "Operations Director", "技术总监": "Technical Director",
    "业务总监": "Business Director", "总监": "Director", "副局长": "Deputy Director", "局长": "Director",
    "副主任": "Deputy Director", "主任": "Director", "总经理": "General Manager", "副总经理": "Deputy General Manager",
    "总经理助理": "Assistant General Manager",
    "经理": "Manager", "董事长": "Chairman", "负责人": "Head", "总工程师": "Chief Engineer", "院长": "Dean",
    "所长": "Director", "市长": "Mayor", "副市长": "Deputy Mayor", "省长": "Governor", "副省长": "Deputy Governor",
    "书记": "Secretary", "总书记": "General Secretary", "主席": "Chairman", "部长": "Minister", "处长": "Division Chief",
    "副院长": "Vice President", "副所长": "Deputy Director", "副书记": "Deputy Secretary", "副主席": "Vice Chairman",
    "总裁": "President", "副总裁": "Vice President", "秘书长": "Secretary-General", "理事长": "Chairman",
    "首席科学家": "Chief Scientist", "首席技术官": "Chief Technology Officer", "首席数字官": "Chief Digital Officer",
    "首席信息官": "Chief Information Officer", "高级工程师": "Senior Engineer",
    "工程师": "Engineer", "副总工程师": "Deputy Chief Engineer", "副处长": "Deputy Division Chief",
    "副部长": "Vice Minister", "副厅长": "Deputy Director", "厅长": "Director", "董事": "Director",
    "院士": "Academician", "教授": "Professor", "研究员": "Research Fellow", "本报记者": "Staff reporter",
    "记者": "Reporter", "首席执行官": "Chief Executive Officer", "副旗长": "Deputy Banner Head", "旗长": "Banner Head",
    "副县长": "Deputy County Head", "县长": "County Head", "副州长": "Deputy Prefect", "州长": "Prefect",
    "运维主管": "Operations Supervisor", "主管": "Supervisor", "运维工程师": "Operations Engineer", "校长": "President",
    "副校长": "Vice President", "副教授": "Associate Professor", "会长": "President", "副会长": "Vice President",
    "行长": "President", "副行长": "Vice President", "区长": "District Head", "副区长": "Deputy District Head",
    "站长": "Station Manager", "副指挥长": "Deputy Commander", "指挥长": "Commander", "副总指挥": "Deputy Commander-in-Chief", "总指挥": "Commander-in-Chief", "副指挥": "Deputy Commander", "科长": "Section Chief", "组长": "Team Leader", "架构师": "Architect",
    "创始人": "Founder", "联合创始人": "Co-founder", "盟长": "League Head", "副盟长": "Deputy League Head",
    "镇长": "Town Head", "副镇长": "Deputy Town Head", "专员": "Commissioner", "副专员": "Deputy Commissioner", "主任委员": "Chair", "监事长": "Chief Supervisor",
    "常务副市长": "Executive Deputy Mayor", "常务副县长": "Executive Deputy County Head", "副秘书长": "Deputy Secretary-General",
}
#: Words after a name that show the name is a speaker.
SPEECH_CUES = ("介绍道", "介绍说", "介绍", "表示", "指出", "认为", "说道", "说", "称", "透露", "强调", "坦言", "告诉",
               "对记者", "在接受", "提到", "谈到", "补充", "解释", "感慨", "感叹", "回忆", "看来", "接受了", "算了一笔账", "算起了", "出席", "在致辞中", "：")

#: Units: the text after a number -> (unit notation, multiplier).
UNITS: list[tuple[str, str, float]] = sorted(
    [
        ("万架", "rack", 1e4), ("架", "rack", 1), ("EFlops", "EFlops", 1), ("PFlops", "PFlops", 1),
        ("EFLOPS", "EFlops", 1), ("PFLOPS", "PFlops", 1), ("Eflops", "EFlops", 1), ("Pflops", "PFlops", 1),
        ("EFlop", "EFlops", 1), ("PFlop", "PFlops", 1), ("P", "PFlops", 1), ("E", "EFlops", 1), ("公顷", "hectare", 1), ("亩", "hectare", 1 / 15), ("%", "percent", 1),
        ("％", "percent", 1), ("成", "percent", 10), ("摄氏度", "degreeCelsius", 1), ("℃", "degreeCelsius", 1),
        ("亿元", "yuan", 1e8), ("万元", "yuan", 1e4), ("元", "yuan", 1), ("万千瓦", "kilowatt", 1e4),
        ("千瓦", "kilowatt", 1), ("兆瓦", "kilowatt", 1e3), ("万台", "server", 1e4), ("台", "server", 1),
        ("米", "metre", 1), ("天", "day", 1), ("个", "count", 1), ("项", "count", 1), ("次", "count", 1),
        ("家", "count", 1), ("倍", "times", 1), ("部委", "count", 1), ("届", "count", 1), ("名", "count", 1),
        ("人", "count", 1), ("位", "count", 1),
    ],
    key=lambda item: -len(item[0]),
)

#: Words before a number that say how it relates to the quantity.
PRE_QUALIFIERS = [("第", "eq"), ("突破", "gt"), ("不高于", "le"), ("不超过", "le"), ("不低于", "ge"), ("超过", "gt"), ("多于", "gt"),
                  ("高于", "gt"), ("低于", "lt"), ("约为", "approx"), ("约合", "approx"), ("大约", "approx"), ("约", "approx"),
                  ("接近", "approx"), ("近", "approx"), ("逾", "gt")]
POST_QUALIFIERS = [("以下", "le"), ("以上", "ge"), ("多", "gt"), ("余", "gt"), ("左右", "approx"), ("出头", "gt")]

#: Measure by keywords before the number in its clause; first match wins, most specific first.
MEASURE_CUES: list[tuple[str, str]] = [
    ("智能算力占比", "intelligentComputingShare"), ("智算占比", "intelligentComputingShare"),
    ("净增", "computingPowerIncrease"), ("PUE", "powerUsageEffectiveness"), ("电能利用效率", "powerUsageEffectiveness"),
    ("年初的", "rackCapacityGrowth"), ("机架", "rackCapacity"), ("算力", "computingPower"),
    ("气温", "annualMeanTemperature"), ("占地", "siteArea"), ("面积", "siteArea"), ("服务器", "serverCapacity"),
    ("装机", "powerCapacity"), ("签约金额", "investment"), ("签约总额", "investment"), ("协议总金额", "investment"), ("投资", "investment"), ("金额", "investment"),
    ("绿电", "greenPowerShare"), ("风电", "greenPowerShare"), ("光伏", "greenPowerShare"),
    ("可再生能源", "greenPowerShare"), ("清洁能源", "greenPowerShare"), ("绿色电力", "greenPowerShare"),
    ("自然冷", "freeCoolingDays"), ("免费冷却", "freeCoolingDays"), ("冷源", "freeCoolingDays"), ("冷空气", "freeCoolingDays"), ("数据中心", "dataCentersCompleted"), ("标准", "standardCount"),
    ("召开", "sessionCount"), ("举办", "sessionCount"), ("届", "sessionCount"), ("企业", "participantCount"),
    ("参会", "participantCount"), ("参加", "participantCount"), ("出席", "participantCount"), ("与会", "participantCount"),
    ("客商", "participantCount"), ("参展", "participantCount"), ("代表", "participantCount"), ("嘉宾", "participantCount"),
    ("长", "screenLength"), ("宽", "screenWidth"), ("部委", "memberCount"),
]
#: The units each measure takes (a cue whose unit does not fit is not that measure).
MEASURE_UNITS = {
    "rackCapacity": {"rack"}, "rackCapacityGrowth": {"times"}, "computingPower": {"PFlops", "EFlops"},
    "computingPowerIncrease": {"PFlops", "EFlops"}, "powerUsageEffectiveness": {"unitless"},
    "annualMeanTemperature": {"degreeCelsius"}, "siteArea": {"hectare"}, "serverCapacity": {"server"},
    "powerCapacity": {"kilowatt"}, "investment": {"yuan"}, "greenPowerShare": {"percent"},
    "intelligentComputingShare": {"percent"}, "freeCoolingDays": {"day"}, "dataCentersCompleted": {"count"},
    "standardCount": {"count"}, "sessionCount": {"count"}, "participantCount": {"count"},
    "screenLength": {"metre"}, "screenWidth": {"metre"}, "memberCount": {"count"},
}
#: Which categories a measure's subject is drawn from, in order of preference.
MEASURE_SUBJECTS = {
    "rackCapacity": ("Facility", "Region"), "rackCapacityGrowth": ("Facility", "Region"),
    "computingPower": ("Facility", "Region", "Policy", "Organization"), "computingPowerIncrease": ("Facility", "Region"),
    "powerUsageEffectiveness": ("Facility", "Region"), "annualMeanTemperature": ("Region",),
    "siteArea": ("Facility", "Firm"), "serverCapacity": ("Facility",), "powerCapacity": ("Facility", "Region", "Firm"),
    "investment": ("Facility", "Event", "Firm", "Organization"), "greenPowerShare": ("Facility", "Policy", "Region", "Firm"),
    "intelligentComputingShare": ("Facility", "Policy", "Region"), "freeCoolingDays": ("Region", "Facility"),
    "dataCentersCompleted": ("Region",), "standardCount": ("Policy",), "sessionCount": ("Event",),
    "participantCount": ("Event",), "screenLength": ("Facility",), "screenWidth": ("Facility",),
    "memberCount": ("Organization",),
}

CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿"
NUMBER = r"(?:\d+(?:\.\d+)?|[" + CHINESE_DIGITS + r"]+)"
NUMBER_RE = re.compile(NUMBER)

#: Relation triggers: a word between two entities of the right kinds.
PUBLISH_TRIGGERS = ("印发", "发布", "出台", "颁布", "公布")
DRAFT_TRIGGERS = ("牵头制定", "起草", "制定", "编制")
ESTABLISH_TRIGGERS = ("组建", "成立", "设立")
SETTLE_TRIGGERS = ("落户", "入驻")
HELD_TRIGGERS = ("举行", "召开", "开幕", "举办")
