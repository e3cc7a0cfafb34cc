"""A deterministic synthetic innovation ecosystem, written as source files in helixgraph's own format.

``generate(n, out_dir)`` writes ``n`` entities (defining records) spread over K JSON Lines source
files: parks and administrative areas, research institutes, laboratories and groups, companies,
hospitals, incubators, service platforms, government bodies and regulators, cohorts, people with
memberships, drugs and devices with their developers, research origins and indications, clinical
trials, regulatory events, forecasts (some fulfilled by events that later sources report),
statements, plans, policies and statistics (qualifier-consistent bounds, shares with denominators,
some superseded by later figures). Every class, sector and scheme the bundled data uses appears, and
the concepts are read from the ontology, so the data validates against the real shapes.

The network is heavy-tailed: which organisation a person joins, which company develops a product,
which park hosts an organisation, which product a regulator acts on and which hospital runs a trial
are drawn by preferential attachment (an urn in which every pick adds a ball). Entities arrive on a
timeline; the timeline decides the source (sources are issued in date order), so references point
back in time, dated events are never later than their source's issue date and undated ones carry
``notLaterThan``. A few records of later sources are ``about`` records adding facts to earlier
entities (fulfilled forecasts, approvals, superseded statistics, new fields, aliases).

The ids of the bundled dataset's anchor entities (``zgc-life-science-park``, ``huahui-health``,
``libevitug``, ``beinao-1``, ``cai-baochuan``, ``china``, ...) are kept for the first entities, so the
shipped competency queries that name them return rows at every scale.

The output is a function of ``(n_entities, seed, sources)`` only. Run
``python -m benchmarks.generate 10000 /tmp/eco [--yaml]``.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
from collections import Counter, deque
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

__all__ = ["KIND_SHARES", "SCALES", "default_source_count", "generate"]

#: The scales the benchmark is specified at.
SCALES = (1_000, 10_000, 100_000, 1_000_000)
#: The first source's period starts here; the last source is issued on END.
START = dt.date(2016, 1, 1)
END = dt.date(2026, 1, 24)
RETRIEVED = "2026-11-25"

#: Share of the entities of each class (Person takes what is left). Tuned for about 8-10 triples
#: per entity and for the proportions of a real cluster: many people, memberships and companies.
KIND_SHARES: dict[str, float] = {
    "AdministrativeArea": 0.004,
    "SciencePark": 0.002,
    "ResearchInstitute": 0.010,
    "Laboratory": 0.004,
    "ResearchGroup": 0.030,
    "Company": 0.120,
    "Hospital": 0.010,
    "Incubator": 0.005,
    "ServicePlatform": 0.004,
    "GovernmentBody": 0.003,
    "Regulator": 0.0004,
    "ActorCohort": 0.005,
    "Membership": 0.300,
    "Disease": 0.006,
    "Drug": 0.045,
    "MedicalDevice": 0.015,
    "ClinicalTrial": 0.025,
    "RegulatoryEvent": 0.060,
    "Forecast": 0.008,
    "Statement": 0.012,
    "Plan": 0.003,
    "Policy": 0.003,
    "Statistic": 0.070,
}

_SYLLABLES = ("an", "bei", "chen", "da", "fu", "guo", "hua", "jin", "kang", "li", "ming", "nuo", "rui",
              "sheng", "tai", "wei", "xin", "yi", "zhong", "bo", "heng", "jia", "lian", "qi", "shu", "tian",
              "xing", "yuan", "ze", "zhi")
_HANZI = "安贝辰达福国华金康立明诺瑞盛泰维新亿中博恒佳联启舒天星远泽智"
_FAMILY = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma",
           "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Smith", "Garcia", "Kim", "Nguyen", "Müller")
_FAMILY_ZH = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗"
_COMPANY_SUFFIX = ("Biotech", "Therapeutics", "Pharma", "Medical", "Biosciences", "Health", "Genomics",
                   "Neurotech", "Diagnostics", "Robotics")
_DISEASES = ("hepatitis", "glioma", "lymphoma", "leukaemia", "Parkinson's disease", "Alzheimer's disease",
             "epilepsy", "psoriasis", "asthma", "diabetes", "melanoma", "fibrosis", "myopathy", "arthritis",
             "retinopathy", "sepsis", "cardiomyopathy", "nephropathy", "obesity", "migraine")
_DRUG_MODALITIES = ("monoclonal antibody", "small molecule", "bispecific antibody", "CAR-T cell therapy",
                    "gene therapy", "antibody-drug conjugate", "mRNA vaccine", "peptide")
_DEVICE_MODALITIES = ("brain implant", "diagnostic software", "surgical robot", "wearable monitor",
                      "imaging system", "neurostimulator")
_PUBLISHERS = ("Caixin Global", "People's Daily Online", "Park Administration Bulletin", "BioCentury China",
               "Xinhua", "Beijing Daily", "Endpoints News", "Science Park Yearbook")

# Which concepts fit where; names the ontology lacks are dropped, concepts not listed are used generically.
_DRUG_FIELDS = ("InnovativeDrugs", "Antibodies", "Hepatology", "CellGeneTherapy", "LifeSciences")
_DEVICE_FIELDS = ("MedicalDevices", "BrainComputerInterfaces", "AIHealthcare", "DigitalHealth")
_DRUG_EVENTS = (("ClinicalTrialApproval", 25), ("BreakthroughTherapyDesignation", 15), ("NDAAccepted", 15),
                ("PriorityReviewGranted", 10), ("ConditionalApproval", 8), ("FullApproval", 10),
                ("CompleteResponseLetter", 5), ("DesignationRescinded", 2))
_DEVICE_EVENTS = (("DeviceRegistration", 50), ("ClinicalTrialApproval", 35), ("BreakthroughTherapyDesignation", 5))
_APPROVALS = ("ConditionalApproval", "FullApproval", "DeviceRegistration")
_PATHWAY_OF = {"BreakthroughTherapyDesignation": "BreakthroughTherapyPathway",
               "PriorityReviewGranted": "PriorityReviewPathway",
               "ConditionalApproval": "ConditionalApprovalPathway",
               "DeviceRegistration": "SpecialApprovalPathway"}
_ROLES_BY_CLASS = {
    "ResearchGroup": (("PrincipalInvestigator", 6), ("SeniorResearcher", 4)),
    "ResearchInstitute": (("SeniorResearcher", 7), ("PrincipalInvestigator", 2), ("Spokesperson", 1)),
    "Laboratory": (("SeniorResearcher", 7), ("PrincipalInvestigator", 2), ("Spokesperson", 1)),
    "Company": (("CoFounder", 3), ("VicePresidentOperations", 3), ("Spokesperson", 4)),
}
_ROLES_OTHER = (("Spokesperson", 6), ("SeniorResearcher", 4))
#: measure -> (unit, what it is about, value range, qualifiers)
_MEASURES = {
    "Area": ("km2", "park", (1, 30), ("Exact", "Approximately")),
    "InnovativePharmaCompanies": ("companies", "cohort", (50, 2000), ("MoreThan", "AtLeast", "Approximately")),
    "ServicePlatformsAndIncubators": ("platforms and incubators", "cohort", (10, 100),
                                      ("Nearly", "Approximately", "Exact")),
    "AccessibleHospitalBeds": ("beds", "hospital", (200, 5000), ("MoreThan", "Approximately")),
    "CompaniesSupported": ("companies", "incubator", (5, 300), ("Exact", "AtLeast")),
    "NeuroscienceCompanies": ("companies", "cohort", (5, 100), ("Exact", "Nearly")),
    "ImplantSurgeries": ("surgeries", "trial", (1, 50), ("Exact",)),
    "CGTPipelineProducts": ("products", "cohort", (20, 400), ("MoreThan",)),
    "CGTClinicalTrialApprovals": ("approvals", "cohort", (5, 60), ("Nearly", "Exact")),
    "ShareOfCGTClinicalTrialApprovals": ("percent", "cohort", (1, 60), ("Approximately", "Nearly")),
    "DigitalMedicalFirms": ("companies", "cohort", (20, 300), ("Nearly", "MoreThan")),
    "AIClassIIIDeviceCertificates": ("certificates", "cohort", (3, 60), ("Exact",)),
    "ShareOfAIClassIIIDeviceCertificates": ("percent", "cohort", (1, 60), ("Nearly", "Approximately")),
}
_DEFAULT_MEASURE = ("items", "cohort", (1, 100), ("Approximately",))
def _rounding_interval(value: float) -> tuple[int | float, int | float]:
    """Half a unit of the last non-zero digit either side: about 40 is 35 to 45, about 2.5 is 2.45 to 2.55."""
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    half = Decimal(5).scaleb(exponent - 1)
    low, high = Decimal(str(value)) - half, Decimal(str(value)) + half
    return tuple(int(x) if x == x.to_integral_value() else float(x) for x in (low, high))


_STATED = {"MoreThan": "over {}", "AtLeast": "at least {}", "Nearly": "nearly {}", "Approximately": "about {}",
           "Exact": "{}"}


def default_source_count(n_entities: int) -> int:
    """How many source files a scale gets: one per 5,000 entities, at least two.

    >>> [default_source_count(n) for n in (1_000, 10_000, 100_000, 1_000_000)]
    [2, 2, 20, 200]
    """
    return max(2, n_entities // 5000)


class _Urn:
    """Preferential attachment: an item is drawn with probability proportional to 1 + its draws."""

    __slots__ = ("items", "rng")

    def __init__(self, rng: random.Random) -> None:
        self.items: list[str] = []
        self.rng = rng

    def add(self, item: str) -> None:
        self.items.append(item)

    def pick(self) -> str:
        """Draw an item and add a ball for it (rich get richer)."""
        item = self.items[self.rng.randrange(len(self.items))]
        self.items.append(item)
        return item

    def peek(self) -> str:
        """Draw an item with the same odds, without changing them."""
        return self.items[self.rng.randrange(len(self.items))]

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class _Source:
    index: int
    id: str
    issued: dt.date
    header: dict
    records: list[dict] = field(default_factory=list)


def _vocabulary() -> dict[str, list[str]]:
    """The concept names of each scheme, read from the ontology."""
    from helixgraph.ontology.model import load_ontology

    onto = load_ontology()
    return {name: onto.names_of_type(onto.classes[name].iri)
            for name in ("Sector", "TechnologyField", "RegulatoryEventType", "RegulatoryPathway",
                         "Approximation", "Role", "Measure")}


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


class _Ecosystem:
    """Builds the records of every source; one instance per generate() call."""

    def __init__(self, n_entities: int, n_sources: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = n_entities
        self.k = n_sources
        self.vocab = _vocabulary()
        self.counts: Counter[str] = Counter()
        self.about_records = 0
        self._numbers: Counter[str] = Counter()
        span = (END - START).days
        self.issued = [START + dt.timedelta(days=round((j + 1) * span / self.k)) for j in range(self.k)]
        self.issued[-1] = END
        self.sources = [self._source(j) for j in range(self.k)]
        # Preferential-attachment urns and plain lists of what exists so far.
        self.parks, self.orgs, self.companies, self.research = (_Urn(self.rng) for _ in range(4))
        self.institutes, self.hospitals, self.products, self.diseases = (_Urn(self.rng) for _ in range(4))
        self.persons, self.cohorts, self.regulators = (_Urn(self.rng) for _ in range(3))
        self.countries: list[str] = []
        self.cities: list[str] = []
        self.districts: list[str] = []
        self.incubators: list[str] = []
        self.gov_bodies: list[str] = []
        self.trials: list[tuple[str, str]] = []  # (trial, product class)
        self.country_of: dict[str, str] = {}
        self.label_of: dict[str, str] = {}
        self.park_of: dict[str, str] = {}
        self.developer_of: dict[str, str] = {}
        self.class_of: dict[str, str] = {}
        self.diseases_of: dict[str, list[str]] = {}
        self.first_org_of: dict[str, str] = {}
        self.unaffiliated: deque[str] = deque()
        self.researchers: list[str] = []
        self.stats: dict[str, list[tuple[str, str, int]]] = {}  # measure -> [(stat, about, source)]
        self.stat_list: list[tuple[str, str, str, str, int]] = []  # (stat, measure, about, area, source)
        self.superseded: set[str] = set()
        self.amendable: list[tuple[str, str, int]] = []  # (id, class, source) for about records
        self.skip: Counter[str] = Counter()

    # -- helpers ---------------------------------------------------------------------------------

    def _source(self, j: int) -> _Source:
        issued = self.issued[j]
        sid = f"synthetic-{j:04d}-{issued.isoformat()}"
        machine = j % 3 == 0
        header = {
            "id": sid,
            "title": {"en": f"Synthetic ecosystem report {j + 1} of {self.k}"},
            "publisher": _PUBLISHERS[j % len(_PUBLISHERS)],
            "issued": issued.isoformat(),
            "url": f"https://example.org/reports/{sid}.html",
            "language": "en",
            "isMachineTranslation": machine,
            "retrieved": RETRIEVED,
            "confidence": ("high", "medium", "low")[j % 3],
            "description": {"en": "Generated for benchmarking; every fact in it is synthetic."},
        }
        if machine:
            header["originalLanguage"] = "zh"
        if j:
            header["references"] = f"synthetic-{j - 1:04d}-{self.issued[j - 1].isoformat()}"
        return _Source(j, sid, issued, header)

    def _next_id(self, prefix: str) -> str:
        self._numbers[prefix] += 1
        return f"{prefix}-{self._numbers[prefix]:07d}"

    def _para(self):
        if self.rng.random() < 0.3:
            first = self.rng.randint(1, 39)
            return [first, first + 1]
        return self.rng.randint(1, 40)

    def _define(self, j: int, cls: str, ident: str, **fields) -> str:
        record = {"id": ident, "type": cls, "para": self._para()}
        record.update((k, v) for k, v in fields.items() if v is not None)
        self.sources[j].records.append(record)
        self.counts[cls] += 1
        label = fields.get("label")
        if isinstance(label, dict):
            self.label_of[ident] = label["en"]
        return ident

    def _about(self, j: int, ident: str, **fields) -> None:
        record = {"about": ident, "para": self._para()}
        record.update(fields)
        self.sources[j].records.append(record)
        self.about_records += 1

    def _name(self) -> tuple[str, str]:
        a, b = self.rng.randrange(len(_SYLLABLES)), self.rng.randrange(len(_SYLLABLES))
        return (_SYLLABLES[a] + _SYLLABLES[b]).capitalize(), _HANZI[a] + _HANZI[b]

    def _label(self, en: str, zh: str | None, zh_share: float) -> dict:
        label = {"en": en}
        if zh and self.rng.random() < zh_share:
            label["zh"] = zh
        return label

    def _fields(self, pool, low: int, high: int) -> list[str] | str:
        names = [f for f in pool if f in self.vocab["TechnologyField"]] or self.vocab["TechnologyField"]
        chosen = self.rng.sample(names, min(len(names), self.rng.randint(low, high)))
        return chosen[0] if len(chosen) == 1 else chosen

    def _weighted(self, options, fallback) -> str:
        names = [(name, w) for name, w in options if name in fallback] or [(name, 1) for name in fallback]
        return self.rng.choices([n for n, _ in names], weights=[w for _, w in names])[0]

    def _day_in(self, j: int) -> dt.date:
        start = self.issued[j - 1] if j else START - dt.timedelta(days=1)
        return self.issued[j] - dt.timedelta(days=self.rng.randrange(max(1, (self.issued[j] - start).days)))

    def _date_fields(self, j: int) -> dict:
        """A date no later than the source's issue date: to the day, the month, or only a bound."""
        roll = self.rng.random()
        if roll < 0.75:
            return {"date": self._day_in(j).isoformat()}
        if roll < 0.9:
            return {"date": _month(self._day_in(j))}
        return {"notLaterThan": self.issued[j].isoformat()}

    def _park(self, ident: str) -> str:
        park = self.parks.pick()
        self.park_of[ident] = park
        return park

    # -- anchors: the bundled dataset's named entities, as the first of their kinds ----------------------

    def anchors(self) -> None:
        j = 0
        d = self._define
        for ident, label in (("china", {"en": "China", "zh": "中国"}), ("united-states", {"en": "United States"})):
            d(j, "AdministrativeArea", ident, label=label)
            self.countries.append(ident)
        d(j, "AdministrativeArea", "beijing", label={"en": "Beijing", "zh": "北京"}, locatedIn="china")
        self.cities.append("beijing")
        d(j, "AdministrativeArea", "changping-district", label={"en": "Changping District", "zh": "昌平区"},
          locatedIn="beijing")
        self.districts.append("changping-district")
        d(j, "SciencePark", "zgc-life-science-park", label={"en": "Zhongguancun Life Science Park", "zh": "中关村生命科学园"},
          altLabel={"en": "ZGC Life Science Park"}, locatedIn="changping-district",
          technologyField=self._fields(_DRUG_FIELDS + _DEVICE_FIELDS, 3, 4))
        self.parks.add("zgc-life-science-park")
        d(j, "ResearchInstitute", "nibs", label={"en": "National Institute of Biological Sciences, Beijing"},
          altLabel={"en": "NIBS"}, sector="AcademiaResearch", nationalLevel=True,
          locatedIn=self._park("nibs"), technologyField="LifeSciences")
        d(j, "ResearchGroup", "li-wenhui-lab", label={"en": "Li Wenhui's research team at NIBS"},
          sector="AcademiaResearch", subOrganizationOf="nibs", technologyField=["LifeSciences", "Hepatology"])
        d(j, "Laboratory", "changping-laboratory", label={"en": "Changping Laboratory", "zh": "昌平实验室"},
          sector="AcademiaResearch", locatedIn=self._park("changping-laboratory"), technologyField="LifeSciences")
        for ident, cls in (("nibs", "ResearchInstitute"), ("li-wenhui-lab", "ResearchGroup"),
                           ("changping-laboratory", "Laboratory")):
            self.orgs.add(ident)
            self.research.add(ident)
            self.class_of[ident] = cls
        self.institutes.add("nibs")
        self.institutes.add("changping-laboratory")
        d(j, "Hospital", "international-research-hospital", label={"en": "International research hospital"},
          sector="Healthcare", locatedNear="zgc-life-science-park", technologyField="ClinicalResearch")
        self.hospitals.add("international-research-hospital")
        self.orgs.add("international-research-hospital")
        d(j, "ActorCohort", "innovative-pharma-companies", label={"en": "Innovative pharmaceutical companies of the park"},
          sector="Industry", locatedIn="zgc-life-science-park", technologyField="InnovativeDrugs")
        self.cohorts.add("innovative-pharma-companies")
        d(j, "Company", "huahui-health", label={"en": "Huahui Health", "zh": "华辉安健"}, sector="Industry",
          locatedIn=self._park("huahui-health"), technologyField=["Antibodies", "Hepatology"])
        self.companies.add("huahui-health")
        self.orgs.add("huahui-health")
        self.class_of["huahui-health"] = "Company"
        d(j, "Incubator", "c-campus", label={"en": "C-Campus Innovation Center"}, sector="Intermediary",
          locatedIn=self._park("c-campus"), supports="huahui-health")
        self.incubators.append("c-campus")
        self.orgs.add("c-campus")
        for ident, label, country in (("nmpa", "National Medical Products Administration", "china"),
                                      ("fda", "U.S. Food and Drug Administration", "united-states")):
            d(j, "Regulator", ident, label={"en": label}, altLabel={"en": ident.upper()}, sector="Government",
              locatedIn=country)
            self.regulators.add(ident)
            self.country_of[ident] = country
        d(j, "GovernmentBody", "beijing-government", label={"en": "Beijing Municipal Government"},
          sector="Government", locatedIn="beijing")
        self.gov_bodies.append("beijing-government")
        self.orgs.add("beijing-government")
        for ident, label in (("li-wenhui", {"en": "Li Wenhui", "zh": "李文辉"}), ("cai-baochuan", {"en": "Cai Baochuan"})):
            d(j, "Person", ident, label=label)
            self.persons.add(ident)
        issued = self.issued[0].isoformat()
        for ident, person, org, role in (("li-wenhui-at-nibs", "li-wenhui", "nibs", "SeniorResearcher"),
                                         ("li-wenhui-leads-lab", "li-wenhui", "li-wenhui-lab", "PrincipalInvestigator"),
                                         ("li-wenhui-cofounded-huahui", "li-wenhui", "huahui-health", "CoFounder"),
                                         ("cai-baochuan-at-huahui", "cai-baochuan", "huahui-health",
                                          "VicePresidentOperations")):
            d(j, "Membership", ident, member=person, organization=org, role=role, attestedOn=issued)
            self.first_org_of.setdefault(person, org)
        self.researchers.append("li-wenhui")
        for ident, label in (("hepatitis-b", {"en": "hepatitis B", "zh": "乙型肝炎"}),
                             ("hepatitis-d", {"en": "hepatitis D", "zh": "丁型肝炎"})):
            d(j, "Disease", ident, label=label)
            self.diseases.add(ident)
        d(j, "Drug", "libevitug", label={"en": "Libeiweita"}, brandName={"en": "Libeiweita"},
          modality="monoclonal antibody", developedBy="huahui-health", basedOnResearchOf="li-wenhui-lab",
          investigatedFor=["hepatitis-b", "hepatitis-d"], technologyField=["Antibodies", "Hepatology"])
        d(j, "MedicalDevice", "beinao-1", label={"en": "Beinao-1", "zh": "北脑一号"}, modality="brain implant",
          developedBy="huahui-health", technologyField="BrainComputerInterfaces")
        for product, cls in (("libevitug", "Drug"), ("beinao-1", "MedicalDevice")):
            self.products.add(product)
            self.class_of[product] = cls
            self.developer_of[product] = "huahui-health"
        self.diseases_of["libevitug"] = ["hepatitis-b", "hepatitis-d"]
        self.diseases_of["beinao-1"] = []
        d(j, "ClinicalTrial", "beinao-1-trial", label={"en": "Beinao-1 implant trial"}, studiedProduct="beinao-1",
          trialSite="international-research-hospital")
        self.trials.append(("beinao-1-trial", "MedicalDevice"))
        month = _month(self._day_in(0))
        for ident, etype, regulator, country, extra in (
                ("libevitug-btd-china", "BreakthroughTherapyDesignation", "nmpa", "china",
                 {"pathway": "BreakthroughTherapyPathway", "notLaterThan": issued}),
                ("libevitug-btd-us", "BreakthroughTherapyDesignation", "fda", "united-states",
                 {"notLaterThan": issued}),
                ("libevitug-nda-accepted", "NDAAccepted", "nmpa", "china", {"date": month})):
            d(j, "RegulatoryEvent", ident, eventType=etype, subject="libevitug", regulator=regulator,
              jurisdiction=country, **extra)
        self._statistic(j, "beinao-1-implant-surgeries", "ImplantSurgeries", "beinao-1-trial", "Exact", 5)
        self._statistic(j, "park-area", "Area", "zgc-life-science-park", "Exact", 7.2)

    # -- one maker per class ---------------------------------------------------------------------

    def AdministrativeArea(self, j: int) -> None:
        name, zh = self._name()
        roll = self.rng.random()
        if roll < 0.1:
            ident = self._next_id("country")
            self._define(j, "AdministrativeArea", ident, label=self._label(f"Republic of {name}", zh + "国", 0.5))
            self.countries.append(ident)
        elif roll < 0.5:
            ident = self._next_id("city")
            self._define(j, "AdministrativeArea", ident, label=self._label(f"{name} City", zh + "市", 0.5),
                         locatedIn=self.rng.choice(self.countries))
            self.cities.append(ident)
        else:
            ident = self._next_id("district")
            self._define(j, "AdministrativeArea", ident, label=self._label(f"{name} District", zh + "区", 0.5),
                         locatedIn=self.rng.choice(self.cities))
            self.districts.append(ident)

    def SciencePark(self, j: int) -> None:
        name, zh = self._name()
        ident = self._next_id("park")
        number = self._numbers["park"]
        self._define(j, "SciencePark", ident, label=self._label(f"{name} Science Park {number}", f"{zh}科技园{number}", 0.6),
                     altLabel={"en": f"{name} SP"} if self.rng.random() < 0.5 else None,
                     locatedIn=self.rng.choice(self.districts),
                     description={"en": f"A synthetic cluster of {self.rng.randint(20, 900)} organisations."},
                     technologyField=self._fields(_DRUG_FIELDS + _DEVICE_FIELDS, 2, 3))
        self.parks.add(ident)

    def _organisation(self, j: int, cls: str, prefix: str, sector: str, en: str, zh: str, **fields) -> str:
        ident = self._next_id(prefix)
        number = self._numbers[prefix]
        self._define(j, cls, ident, label=self._label(f"{en} {number}", f"{zh}{number}", 0.7), sector=sector,
                     **fields)
        self.orgs.add(ident)
        self.class_of[ident] = cls
        return ident

    def _founded(self, j: int, share: float) -> str | None:
        return str(self.rng.randint(1990, self.issued[j].year)) if self.rng.random() < share else None

    def ResearchInstitute(self, j: int, cls: str = "ResearchInstitute") -> None:
        name, zh = self._name()
        kind = "Laboratory" if cls == "Laboratory" else "Institute"
        ident = self._organisation(
            j, cls, "lab" if cls == "Laboratory" else "institute", "AcademiaResearch", f"{name} {kind} of Life Sciences",
            f"{zh}生命科学研究所",
            altLabel={"en": f"{name[:3].upper()}{kind[0]}"} if self.rng.random() < 0.4 else None,
            nationalLevel=True if self.rng.random() < 0.15 else None,
            technologyField=self._fields(_DRUG_FIELDS + ("Neuroscience", "LifeSciences"), 1, 2),
            founded=self._founded(j, 0.5))
        self.sources[j].records[-1]["locatedIn"] = self._park(ident)
        self.research.add(ident)
        self.institutes.add(ident)
        self.amendable.append((ident, cls, j))

    def Laboratory(self, j: int) -> None:
        self.ResearchInstitute(j, "Laboratory")

    def ResearchGroup(self, j: int) -> None:
        name, zh = self._name()
        parent = self.institutes.pick()
        ident = self._organisation(j, "ResearchGroup", "group", "AcademiaResearch", f"{name} research group",
                                   f"{zh}课题组", subOrganizationOf=parent,
                                   technologyField=self._fields(_DRUG_FIELDS + _DEVICE_FIELDS, 1, 2))
        self.research.add(ident)

    def Company(self, j: int) -> None:
        name, zh = self._name()
        suffix = self.rng.choice(_COMPANY_SUFFIX)
        ident = self._organisation(j, "Company", "company", "Industry", f"{name} {suffix}", f"{zh}生物",
                                   altLabel={"en": f"{name} {suffix} Ltd."} if self.rng.random() < 0.4 else None,
                                   technologyField=self._fields(_DRUG_FIELDS + _DEVICE_FIELDS, 1, 2),
                                   founded=self._founded(j, 0.7))
        record = self.sources[j].records[-1]
        if self.rng.random() < 0.85:
            record["locatedIn"] = self._park(ident)
        else:
            record["locatedIn"] = self.rng.choice(self.cities)
        self.companies.add(ident)
        self.amendable.append((ident, "Company", j))

    def Hospital(self, j: int) -> None:
        name, zh = self._name()
        ident = self._organisation(j, "Hospital", "hospital", "Healthcare", f"{name} Hospital", f"{zh}医院",
                                   technologyField="ClinicalResearch" if self.rng.random() < 0.5 else None)
        record = self.sources[j].records[-1]
        roll = self.rng.random()
        if roll < 0.5:
            record["locatedNear"] = self._park(ident)
        elif roll < 0.7:
            record["locatedIn"] = self._park(ident)
        else:
            record["locatedIn"] = self.rng.choice(self.cities)
        self.hospitals.add(ident)

    def Incubator(self, j: int, cls: str = "Incubator") -> None:
        name, zh = self._name()
        en, prefix = (f"{name} Incubator", "incubator") if cls == "Incubator" else (f"{name} Service Platform",
                                                                                    "platform")
        supported = sorted({self.companies.peek() for _ in range(self.rng.randint(0 if cls != "Incubator" else 1, 4))})
        ident = self._organisation(j, cls, prefix, "Intermediary", en, f"{zh}孵化器",
                                   supports=(supported[0] if len(supported) == 1 else supported) or None)
        self.sources[j].records[-1]["locatedIn"] = self._park(ident)
        if cls == "Incubator":
            self.incubators.append(ident)
            self.amendable.append((ident, cls, j))

    def ServicePlatform(self, j: int) -> None:
        self.Incubator(j, "ServicePlatform")

    def GovernmentBody(self, j: int) -> None:
        name, zh = self._name()
        area = self.rng.choice(self.cities + self.districts)
        ident = self._organisation(j, "GovernmentBody", "government", "Government",
                                   f"{self.label_of.get(area, name)} Administration", f"{zh}管委会", locatedIn=area,
                                   operates=self.parks.peek() if self.rng.random() < 0.3 else None)
        self.gov_bodies.append(ident)

    def Regulator(self, j: int) -> None:
        name, zh = self._name()
        regulated = set(self.country_of.values())
        free = [c for c in self.countries if c not in regulated]
        country = free[0] if free else self.rng.choice(self.countries)
        ident = self._organisation(j, "Regulator", "regulator", "Government", f"{name} Medicines Agency",
                                   f"{zh}药监局", altLabel={"en": f"{name[:2].upper()}MA"}, locatedIn=country)
        self.regulators.add(ident)
        self.country_of[ident] = country

    def ActorCohort(self, j: int) -> None:
        sector = self._weighted((("Industry", 6), ("Healthcare", 2), ("Intermediary", 1), ("AcademiaResearch", 1)),
                                self.vocab["Sector"])
        fields = self._fields(_DRUG_FIELDS + _DEVICE_FIELDS, 1, 1)
        ident = self._next_id("cohort")
        park = self.parks.peek()
        where = {"locatedNear": park} if sector == "Healthcare" else {"locatedIn": park}
        self._define(j, "ActorCohort", ident,
                     label={"en": f"{fields} {sector.lower()} actors of {self.label_of.get(park, park)} ({ident})"},
                     sector=sector, technologyField=fields,
                     researchFocus={"en": "Many aim at first-in-class products."} if self.rng.random() < 0.2 else None,
                     **where)
        self.park_of[ident] = park
        self.cohorts.add(ident)

    def Person(self, j: int) -> None:
        a, b = self.rng.randrange(len(_FAMILY)), self.rng.randrange(len(_SYLLABLES))
        ident = self._next_id("person")
        number = self._numbers["person"]
        given = _SYLLABLES[b].capitalize() + _SYLLABLES[(b * 7 + number) % len(_SYLLABLES)]
        label = {"en": f"{_FAMILY[a]} {given} {number}"}
        if a < len(_FAMILY_ZH) and self.rng.random() < 0.9:
            label["zh"] = f"{_FAMILY_ZH[a]}{_HANZI[b]}{number}"
        field_ = self.rng.choice(_DISEASES)
        self._define(j, "Person", ident, label=label,
                     altLabel={"en": f"{given[0]}. {_FAMILY[a]}"} if self.rng.random() < 0.5 else None,
                     description={"en": f"Works on {field_}."} if self.rng.random() < 0.6 else None)
        self.persons.add(ident)
        self.unaffiliated.append(ident)
        self.amendable.append((ident, "Person", j))

    def Membership(self, j: int) -> None:
        org = self.orgs.pick()
        cls = self.class_of.get(org, "")
        role = self._weighted(_ROLES_BY_CLASS.get(cls, _ROLES_OTHER), self.vocab["Role"])
        if role == "CoFounder" and self.researchers and self.rng.random() < 0.5:
            person = self.rng.choice(self.researchers)  # a spin-off: a researcher co-founds a company
        elif self.unaffiliated and self.rng.random() < 0.8:
            person = self.unaffiliated.popleft()
        else:
            person = self.persons.pick()
        if cls in ("ResearchInstitute", "Laboratory", "ResearchGroup") and person not in self.first_org_of:
            self.researchers.append(person)
        self.first_org_of.setdefault(person, org)
        when = {}
        if self.rng.random() < 0.8:
            when["attestedOn"] = self._day_in(j).isoformat()
        if self.rng.random() < 0.5 or not when:
            when["startDate"] = str(self.rng.randint(2000, self.issued[j].year))
        self._define(j, "Membership", self._next_id("membership"), member=person, organization=org, role=role,
                     **when)

    def Disease(self, j: int) -> None:
        base = self.rng.choice(_DISEASES)
        ident = self._next_id("disease")
        self._define(j, "Disease", ident, label=self._label(f"{base} type {self._numbers['disease']}",
                                                            f"疾病{self._numbers['disease']}型", 0.4))
        self.diseases.add(ident)

    def Drug(self, j: int, cls: str = "Drug") -> None:
        name, zh = self._name()
        drug = cls == "Drug"
        ident = self._next_id("drug" if drug else "device")
        number = self._numbers["drug" if drug else "device"]
        developer = self.companies.pick() if self.rng.random() < 0.9 or not len(self.cohorts) else self.cohorts.peek()
        diseases = sorted({self.diseases.pick() for _ in range(self.rng.randint(1, 2) if drug
                                                                  else int(self.rng.random() < 0.3))})
        fields = {
            "label": self._label(f"{name}{'mab' if drug else ' device'} {number}", f"{zh}{number}", 0.3),
            "modality": self.rng.choice(_DRUG_MODALITIES if drug else _DEVICE_MODALITIES),
            "developedBy": developer,
            "technologyField": self._fields(_DRUG_FIELDS if drug else _DEVICE_FIELDS, 1, 2),
        }
        if diseases:
            fields["investigatedFor"] = diseases[0] if len(diseases) == 1 else diseases
        if drug and self.rng.random() < 0.5:
            fields["basedOnResearchOf"] = self.research.pick()
        if self.rng.random() < 0.2:
            fields["brandName"] = self._label(f"{name}ra", zh + "瑞", 0.5)
        if self.rng.random() < 0.5:
            fields["developmentCode"] = f"{name[:2].upper()}-{number:05d}"
        if self.rng.random() < 0.08:
            fields["firstInClass"] = True
        self._define(j, cls, ident, **fields)
        self.products.add(ident)
        self.class_of[ident] = cls
        self.developer_of[ident] = developer
        self.diseases_of[ident] = diseases
        self.amendable.append((ident, cls, j))

    def MedicalDevice(self, j: int) -> None:
        self.Drug(j, "MedicalDevice")

    def ClinicalTrial(self, j: int) -> None:
        product = self.products.pick()
        ident = self._next_id("trial")
        sites = sorted({self.hospitals.pick() for _ in range(self.rng.randint(1, 2))})
        developer = self.developer_of.get(product)
        diseases = self.diseases_of.get(product) or []
        self._define(j, "ClinicalTrial", ident,
                     label={"en": f"Trial {self._numbers['trial']} of {self.label_of.get(product, product)}"},
                     studiedProduct=product, trialSite=sites[0] if len(sites) == 1 else sites,
                     sponsor=developer if self.class_of.get(developer) == "Company" else None,
                     condition=self.rng.choice(diseases) if diseases and self.rng.random() < 0.6 else None,
                     registryId=f"NCT{self.rng.randrange(10**8):08d}" if self.rng.random() < 0.5 else None)
        self.trials.append((ident, self.class_of[product]))

    def RegulatoryEvent(self, j: int, product: str | None = None, etype: str | None = None,
                        regulator: str | None = None, when: dict | None = None) -> str | None:
        if product is None and self.skip["RegulatoryEvent"]:
            self.skip["RegulatoryEvent"] -= 1  # this slot went to an event fulfilling a forecast
            return None
        product = product or self.products.pick()
        cls = self.class_of[product]
        etype = etype or self._weighted(_DRUG_EVENTS if cls == "Drug" else _DEVICE_EVENTS,
                                        self.vocab["RegulatoryEventType"])
        if regulator is None:
            roll = self.rng.random()
            regulator = "nmpa" if roll < 0.45 else "fda" if roll < 0.7 else self.regulators.peek()
        when = when or self._date_fields(j)
        fields = {"eventType": etype, "subject": product, "regulator": regulator,
                  "jurisdiction": self.country_of[regulator], **when}
        pathway = _PATHWAY_OF.get(etype)
        if pathway in self.vocab["RegulatoryPathway"] and self.rng.random() < 0.6:
            fields["pathway"] = pathway
        ident = self._next_id("event")
        diseases = self.diseases_of.get(product) or []
        if etype in _APPROVALS and diseases:
            disease = self.rng.choice(diseases)
            fields["indication"] = disease
            if "date" in when and self.rng.random() < 0.1:
                fields["firstForIndication"] = True
            self._about(j, product, approvedFor=disease)
        elif etype == "BreakthroughTherapyDesignation" and diseases and self.rng.random() < 0.4:
            fields["indication"] = self.rng.choice(diseases)
        self._define(j, "RegulatoryEvent", ident, **fields)
        return ident

    def Forecast(self, j: int) -> None:
        product = self.products.peek()
        cls = self.class_of[product]
        expected = "DeviceRegistration" if cls == "MedicalDevice" else self.rng.choice(("ConditionalApproval",
                                                                                        "FullApproval", "NDAAccepted"))
        if expected not in self.vocab["RegulatoryEventType"]:
            expected = self.rng.choice(self.vocab["RegulatoryEventType"])
        regulator = "nmpa" if self.rng.random() < 0.6 else self.regulators.peek()
        issued = self.issued[j]
        y0, m0 = _add_months(issued.year, issued.month, 1)
        y1, m1 = _add_months(y0, m0, self.rng.randint(2, 12))
        ident = self._next_id("forecast")
        speaker = self.persons.peek() if self.rng.random() < 0.7 else None
        developer = self.developer_of.get(product)
        self._define(j, "Forecast", ident, subject=product, expectedEventType=expected, regulator=regulator,
                     jurisdiction=self.country_of[regulator], expectedFrom=f"{y0:04d}-{m0:02d}",
                     expectedUntil=f"{y1:04d}-{m1:02d}", statedAs={"en": f"between {y0}-{m0:02d} and {y1}-{m1:02d}"},
                     attributedTo=speaker,
                     speakingFor=developer if speaker and self.class_of.get(developer) == "Company" else None)
        if self.rng.random() < 0.5:  # fulfilled, as a later source reports
            first = dt.date(y0, m0, 1)
            last = dt.date(*_add_months(y1, m1, 1), 1) - dt.timedelta(days=1)
            day = first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))
            if day <= END:
                later = bisect.bisect_left(self.issued, day)
                event = self.RegulatoryEvent(later, product, expected, regulator, {"date": day.isoformat()})
                self._about(later, ident, fulfilledBy=event)
                self.skip["RegulatoryEvent"] += 1

    def Statement(self, j: int) -> None:
        person = self.persons.peek()
        org = self.first_org_of.get(person)
        self._define(j, "Statement", self._next_id("statement"), attributedTo=person, speakingFor=org,
                     description={"en": f"Argued that {self.rng.choice(_DISEASES)} research needs "
                                        f"{self.rng.choice(('basic science', 'clinical data', 'patient capital'))}."})

    def Plan(self, j: int) -> None:
        name, _ = self._name()
        park = self.parks.peek()
        issuer = park if self.rng.random() < 0.5 else self.rng.choice(self.gov_bodies)
        target = self.institutes.peek() if self.rng.random() < 0.4 else park
        self._define(j, "Plan", self._next_id("plan"),
                     label={"en": f"Plan {self._numbers['plan']}: expand {self.label_of.get(target, name)}"},
                     concerns=target, issuedBy=issuer, status=self.rng.choice(("planned", "in progress")))

    def Policy(self, j: int) -> None:
        area = self.rng.choice(self.cities + self.districts) if self.rng.random() < 0.5 else self.parks.peek()
        self._define(j, "Policy", self._next_id("policy"),
                     label={"en": f"Policy {self._numbers['policy']} backing {self.label_of.get(area, area)}"},
                     concerns=area, issuedBy=self.rng.choice(self.gov_bodies),
                     status=self.rng.choice(("announced", "in force", "announced, not yet released")),
                     technologyField=self._fields(_DRUG_FIELDS + _DEVICE_FIELDS, 1, 1)
                     if self.rng.random() < 0.5 else None)

    def _statistic(self, j: int, ident: str, measure: str, about: str, qualifier: str, value,
                   area: str | None = None, share_of: str | None = None, denominator: str | None = None) -> None:
        unit = _MEASURES.get(measure, _DEFAULT_MEASURE)[0]
        if qualifier not in self.vocab["Approximation"]:
            qualifier = self.vocab["Approximation"][0]
        number = f"{value:,}" + ("%" if unit == "percent" else "")
        fields = {"measure": measure, "aboutEntity": about, "refArea": area or self.park_of.get(about)
                  or "zgc-life-science-park", "refTime": self._day_in(j).isoformat() if self.rng.random() < 0.8
                  else _month(self._day_in(j))}
        if qualifier in ("MoreThan", "AtLeast"):  # a bound keeps the bound only, as the SHACL rules ask
            fields["minValue"] = value
        elif qualifier == "Nearly":
            fields["maxValue"] = value
        elif qualifier == "Approximately":  # the interval the rounding stands for
            fields["minValue"], fields["maxValue"] = _rounding_interval(value)
        else:
            fields["value"] = value
        fields.update(unit=unit, approximation=qualifier, statedAs={"en": _STATED.get(qualifier, "{}").format(number)})
        if unit == "percent":
            fields["shareOf"] = share_of
            fields["denominatorMeasure"] = denominator
            fields["denominatorArea"] = self.rng.choice(self.countries + self.cities)
        self._define(j, "Statistic", ident, **{k: v for k, v in fields.items() if v is not None})
        self.stats.setdefault(measure, []).append((ident, about, j))
        self.stat_list.append((ident, measure, about, fields["refArea"], j))

    def Statistic(self, j: int) -> None:
        ident = self._next_id("statistic")
        earlier = bisect.bisect_left(self.stat_list, j, key=lambda s: s[4])
        if earlier and self.rng.random() < 0.12:  # a later figure for the same measure, superseding the old
            old, measure, about, area, _ = self.stat_list[self.rng.randrange(earlier)]
            if old not in self.superseded:
                _, _, (low, high), qualifiers = _MEASURES.get(measure, _DEFAULT_MEASURE)
                share = self._share(measure, about)
                self._statistic(j, ident, measure, about, self.rng.choice(qualifiers), self.rng.randint(low, high),
                                area, *share)
                self._about(j, old, supersededBy=ident)
                self.superseded.add(old)
                return
        measure = self.rng.choice(self.vocab["Measure"])
        _, kind, (low, high), qualifiers = _MEASURES.get(measure, _DEFAULT_MEASURE)
        if kind == "park":
            about = self.parks.peek()
        elif kind == "hospital" and len(self.hospitals):
            about = self.hospitals.peek()
        elif kind == "incubator" and self.incubators:
            about = self.rng.choice(self.incubators)
        elif kind == "trial":
            device_trials = [t for t, c in self.trials[-50:] if c == "MedicalDevice"]
            about = self.rng.choice(device_trials) if device_trials else self.trials[-1][0]
        else:
            about = self.cohorts.peek()
        value = self.rng.randint(low, high) if measure != "Area" else round(self.rng.uniform(low, high), 1)
        self._statistic(j, ident, measure, about, self.rng.choice(qualifiers), value, None,
                        *self._share(measure, about))

    def _share(self, measure: str, about: str) -> tuple[str | None, str | None]:
        """For a share, the statistic of the part (if any was stated) and the denominator measure."""
        if _MEASURES.get(measure, _DEFAULT_MEASURE)[0] != "percent":
            return None, None
        denominator = measure[len("ShareOf"):] if measure.startswith("ShareOf") else ""
        if denominator not in self.vocab["Measure"]:
            denominator = next(m for m in self.vocab["Measure"] if _MEASURES.get(m, _DEFAULT_MEASURE)[0] != "percent")
        parts = self.stats.get(denominator) or []
        same = [s for s, a, _ in parts[-200:] if a == about]
        part = same[-1] if same else (self.rng.choice(parts)[0] if parts and self.rng.random() < 0.5 else None)
        return part, denominator

    def amend(self, j: int) -> None:
        """An ``about`` record: a later source adds a fact to an entity an earlier source defined."""
        earlier = bisect.bisect_left(self.amendable, j, key=lambda a: a[2])
        if not earlier:
            return
        ident, cls, _ = self.amendable[self.rng.randrange(earlier)]
        if cls == "Person":
            self._about(j, ident, altLabel={"en": f"Dr. {self.label_of.get(ident, ident)}"})
        elif cls in ("Drug", "MedicalDevice"):
            self._about(j, ident, investigatedFor=self.diseases.peek(),
                        technologyField=self._fields(_DRUG_FIELDS if cls == "Drug" else _DEVICE_FIELDS, 1, 1))
        elif cls == "Incubator":
            self._about(j, ident, supports=self.companies.peek())
        else:
            self._about(j, ident, technologyField=self._fields(_DRUG_FIELDS + _DEVICE_FIELDS, 1, 1),
                        altLabel={"en": f"{self.label_of.get(ident, ident)} (renamed)"})

    # -- the timeline ----------------------------------------------------------------------------

    def run(self) -> None:
        self.anchors()
        anchors = sum(self.counts.values())
        counts = {kind: round(share * self.n) for kind, share in KIND_SHARES.items()}
        counts["Regulator"] = max(1, counts["Regulator"])
        # Make room for the anchors, then give the rest to people.
        for kind, used in self.counts.items():
            if kind in counts:
                counts[kind] = max(0, counts[kind] - used)
        counts["Person"] = max(0, self.n - anchors - sum(counts.values()))
        if counts["Person"] == 0:
            raise ValueError(f"{self.n} entities are too few; generate at least {anchors + 600}")
        # The anchors gave every kind something to point at; the rest arrive in random order.
        plan = [kind for kind, count in counts.items() for _ in range(count)]
        times = sorted(self.rng.random() for _ in plan)
        self.rng.shuffle(plan)
        for t, kind in zip(times, plan):
            j = min(self.k - 1, int(t * self.k))
            getattr(self, kind)(j)
            if j and self.rng.random() < 0.03:
                self.amend(j)


def _write_jsonl(path: Path, source: _Source) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps({"source": source.header}, ensure_ascii=False, separators=(",", ":")) + "\n")
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        handle.writelines(dumps(record) + "\n" for record in source.records)


def _write_yaml(path: Path, source: _Source) -> None:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        yaml.dump({"source": source.header, "records": source.records}, handle, Dumper=dumper, allow_unicode=True,
                  sort_keys=False, default_flow_style=None, width=4096)


def generate(n_entities: int, out_dir: str | Path, *, seed: int = 7, sources: int | None = None,
             yaml: bool = False) -> dict:
    """Write a synthetic ecosystem of ``n_entities`` entities as source files into ``out_dir``.

    Parameters
    ----------
    n_entities
        Defining records to write (entities of every class, memberships and statistics included).
    out_dir
        Folder for the files; created if missing. Source files already in it are removed first.
    seed
        The output is a function of ``(n_entities, seed, sources)``.
    sources
        Number of source files; :func:`default_source_count` when None.
    yaml
        Write YAML files instead of JSON Lines (same records).

    Returns
    -------
    dict
        A summary: sources, files, entities per class, ``about`` records.
    """
    k = sources or default_source_count(n_entities)
    if k < 1:
        raise ValueError("at least one source is needed")
    eco = _Ecosystem(n_entities, k, seed)
    eco.run()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.suffix in (".jsonl", ".yaml", ".yml"):
            old.unlink()
    files = []
    for source in eco.sources:
        path = out / f"{source.index:04d}-{source.id}.{'yaml' if yaml else 'jsonl'}"
        (_write_yaml if yaml else _write_jsonl)(path, source)
        files.append(path.name)
    return {
        "entities": sum(eco.counts.values()),
        "sources": k,
        "seed": seed,
        "about_records": eco.about_records,
        "entities_per_class": dict(sorted(eco.counts.items())),
        "files": files,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("n_entities", type=int)
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sources", type=int, default=None, help="number of source files (default: n/5000, >= 2)")
    parser.add_argument("--yaml", action="store_true", help="write YAML instead of JSON Lines")
    args = parser.parse_args(argv)
    summary = generate(args.n_entities, args.out_dir, seed=args.seed, sources=args.sources, yaml=args.yaml)
    print(json.dumps({k: v for k, v in summary.items() if k != "files"}, indent=2))


if __name__ == "__main__":
    main()
