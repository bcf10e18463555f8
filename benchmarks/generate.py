"""A deterministic generator of synthetic articles and their annotations, for scale benchmarks.

    .venv/bin/python benchmarks/generate.py 1000 /tmp/corpus-1000 [--seed 7]

Articles are written from templates over a synthetic gazetteer of provinces,
cities, firms, agencies, facilities, policies, people and events; each comes with
an annotation file in the curated format (every offset computed as the text is
written), so `kg build` checks and builds it like any other. Entities recur
across articles under the same ids, so entity resolution has work to do.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCES = [("青海省", "qinghai", "Qinghai Province"), ("甘肃省", "gansu", "Gansu Province"),
             ("贵州省", "guizhou", "Guizhou Province"), ("宁夏回族自治区", "ningxia", "Ningxia Hui Autonomous Region"),
             ("内蒙古自治区", "inner-mongolia", "Inner Mongolia Autonomous Region"), ("四川省", "sichuan", "Sichuan Province")]
SYLLABLES = list("云海川江宁安平阳山石金华兴泰丰和庆乐长新东西南北天中德清远明光瑞永嘉")
PINYIN = dict(zip(SYLLABLES, "yun hai chuan jiang ning an ping yang shan shi jin hua xing tai feng he qing le chang xin "
                             "dong xi nan bei tian zhong de qing yuan ming guang rui yong jia".split()))
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
GIVEN = list("建国海燕思远立军明华强伟芳静丽敏杰涛超")


def _name(rng: random.Random, size: int) -> tuple[str, str]:
    chars = [rng.choice(SYLLABLES) for _ in range(size)]
    return "".join(chars), "-".join(PINYIN[c] for c in chars)


class Pool:
    """The synthetic gazetteer: entities that recur across articles."""

    def __init__(self, rng: random.Random, scale: int) -> None:
        self.cities = [self._city(rng, i) for i in range(max(20, scale // 50))]
        self.firms = [self._firm(rng, i) for i in range(max(30, scale // 20))]
        self.people = [(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), f"person-{i}") for i in range(max(30, scale // 10))]

    @staticmethod
    def _city(rng, i):
        zh, py = _name(rng, 2)
        province = PROVINCES[i % len(PROVINCES)]
        return {"zh": zh + "市", "id": f"city-{py}-{i}", "en": f"{py.replace('-', '').title()} City {i}", "province": province}

    @staticmethod
    def _firm(rng, i):
        zh, py = _name(rng, 2)
        return {"zh": zh + "科技有限公司", "id": f"firm-{py}-{i}", "en": f"{py.replace('-', '').title()} Technology Co., Ltd. {i}"}


class Writer:
    """Composes an article's clean text and records the spans of what it names."""

    def __init__(self) -> None:
        self.text = ""
        self.entities: dict[str, dict] = {}
        self.relations: list[dict] = []
        self.figures: list[dict] = []

    def put(self, text: str) -> tuple[int, int, str]:
        start = len(self.text)
        self.text += text
        return start, len(self.text), text

    def entity(self, entity_id: str, kind: str, zh: str, en: str) -> dict:
        start, end, text = self.put(zh)
        record = self.entities.setdefault(entity_id, {"id": entity_id, "type": kind, "label": {"zh": zh, "en": en},
                                                      "mentions": []})
        record["mentions"].append({"start": start, "end": end, "text": text})
        return record

    def relation(self, subject: str, predicate: str, obj: str, start: int) -> None:
        self.relations.append({"subject": subject, "predicate": predicate, "object": obj,
                               "evidence": {"start": start, "end": len(self.text), "text": self.text[start:]}})

    def figure(self, fid: str, subject: str, measure: str, value, unit: str, quantity: str, date: str) -> None:
        start, end, text = self.put(quantity)
        self.figures.append({"id": fid, "subject": subject, "measure": measure, "value": value, "unit": unit,
                             "date": date, "date_basis": "stated", "evidence": {"start": start, "end": end, "text": text}})


def article(index: int, pool: Pool, rng: random.Random, size: str = "small") -> tuple[str, dict]:
    """One synthetic article (raw text) and its annotation data.

    ``small``: a headline and one paragraph (a place, a firm, a data centre, three figures), about
    120 triples; ``rich``: three more paragraphs (an agency, a plan, a person, a conference), about 500.
    """
    w = Writer()
    city = rng.choice(pool.cities)
    province_zh, province_id, province_en = city["province"]
    firm, other = rng.sample(pool.firms, 2)
    person_zh, person_id = rng.choice(pool.people)
    site, site_py = _name(rng, 2)
    year = rng.choice([2022, 2023, 2024])
    facility = {"zh": f"{city['zh'][:-1]}{site}数据中心", "id": f"dc-{index}-{site_py}",
                "en": f"{site_py.replace('-', '').title()} Data Centre {index}"}
    agency = {"zh": f"{city['zh']}数据局", "id": f"agency-{city['id']}", "en": f"Data Bureau of {city['en']}"}
    policy = {"zh": f"{city['zh']}算力发展行动方案（{year}）", "id": f"plan-{city['id']}-{year}",
              "en": f"Computing action plan of {city['en']} ({year})"}
    event = {"zh": f"{year}{city['zh'][:-1]}算力大会", "id": f"event-{city['id']}-{year}",
             "en": f"{year} Computing Conference of {city['en']}"}

    w.put(" ")
    w.text = ""  # the headline starts the clean text
    w.entity(facility["id"], "DataCenter", facility["zh"], facility["en"])
    w.put("建设提速\n")
    start = w.put("")[0]
    w.entity(province_id, "Province", province_zh, province_en)
    w.entity(city["id"], "City", city["zh"], city["en"])
    w.relation(city["id"], "partOf", province_id, start)
    w.put("是全国一体化算力网络的重要节点。")
    start = len(w.text)
    w.entity(firm["id"], "Firm", firm["zh"], firm["en"])
    w.put("在")
    w.entity(city["id"], "City", city["zh"], city["en"])
    w.put("建设的")
    w.entity(facility["id"], "DataCenter", facility["zh"], facility["en"])
    w.relation(facility["id"], "operatedBy", firm["id"], start)
    w.relation(facility["id"], "locatedIn", city["id"], start)
    w.put(f"于{year}年投运，标准机架规模达")
    racks = rng.randrange(1000, 50000)
    w.figure(f"{facility['id']}-racks", facility["id"], "rackCapacity", racks, "rack", f"{racks}架", str(year))
    w.put("，年均PUE值")
    pue = f"1.{rng.randrange(10, 40)}"
    w.figure(f"{facility['id']}-pue", facility["id"], "powerUsageEffectiveness", float(pue), "unitless", pue, str(year))
    w.put("，算力规模达到")
    power = rng.randrange(100, 9000)
    w.figure(f"{facility['id']}-power", facility["id"], "computingPower", power, "PFlops", f"{power}PFlops", str(year))
    w.put("。")
    if size == "small":
        return _finish(w, index, year)
    w.put("\n")
    start = len(w.text)
    w.entity(agency["id"], "GovernmentBody", agency["zh"], agency["en"])
    w.put("印发《")
    w.entity(policy["id"], "Plan", policy["zh"], policy["en"])
    w.relation(policy["id"], "issuedBy", agency["id"], start)
    w.put("》，提出绿电占比达到")
    share = rng.randrange(40, 95)
    w.figure(f"{policy['id']}-green-{index}", policy["id"], "greenPowerShare", share, "percent", f"{share}%", str(year))
    w.put("。")
    start = len(w.text)
    w.put("数据局局长")
    w.entity(person_id, "Person", person_zh, f"Person {person_id}")
    w.relation(person_id, "worksFor", agency["id"], start)
    w.put("介绍，")
    start = len(w.text)
    w.entity(other["id"], "Firm", other["zh"], other["en"])
    w.put("已落户")
    w.entity(city["id"], "City", city["zh"], city["en"])
    w.relation(other["id"], "settledIn", city["id"], start)
    w.put("。\n")
    start = len(w.text)
    w.entity(event["id"], "Conference", event["zh"], event["en"])
    w.put("在")
    w.entity(city["id"], "City", city["zh"], city["en"])
    w.relation(event["id"], "heldIn", city["id"], start)
    w.put("举行，")
    count = rng.randrange(30, 300)
    w.figure(f"{event['id']}-participants-{index}", event["id"], "participantCount", count, "count", f"{count}家", str(year))
    w.put("企业参会。")
    return _finish(w, index, year)


def _finish(w: Writer, index: int, year: int) -> tuple[str, dict]:
    clean = w.text
    raw = " " + clean.replace("\n", "\n\n") + "\n"
    article_id = f"syn{index:06d}"
    data = {
        "$schema": "annotations.schema.json", "format": "kg-annotations/1",
        "article": {"id": article_id, "file": f"{article_id}.txt", "title": {"zh": clean.split("\n")[0], "en": f"Synthetic article {index}"},
                    "creator": None, "language": "zh", "temporal": str(year)},
        "entities": list(w.entities.values()), "relations": w.relations, "figures": w.figures, "attributes": [],
    }
    data["article"] = {k: v for k, v in data["article"].items() if v is not None}
    return raw, data


def generate(count: int, folder: str | Path, seed: int = 7, size: str = "small") -> Path:
    """Write ``count`` synthetic articles with annotation files into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = Pool(rng, count)
    for index in range(count):
        raw, data = article(index, pool, rng, size)
        name = data["article"]["id"]
        (folder / f"{name}.txt").write_text(raw, encoding="utf-8")
        (folder / f"{name}.annotations.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", choices=("small", "rich"), default="small")
    args = parser.parse_args()
    generate(args.count, args.folder, args.seed, args.size)
