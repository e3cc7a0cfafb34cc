"""Words of English and Chinese the suggester reads articles by: language, not ontology terms.

Qualifier synonyms point at the wording of the ontology's own qualifier labels (``over`` reads as
``more than``), so the concept still comes from the ontology.
"""

from __future__ import annotations

__all__ = [
    "EN_FORECAST_CUES", "EN_FUNCTION_WORDS", "EN_MONTHS", "EN_NUMBER_WORDS", "EN_ORG_SUFFIXES",
    "EN_PERSON_CUES", "EN_PLACE_NOUNS", "EN_PRODUCT_CUES", "EN_QUALIFIERS", "EN_UNIT_STOPS",
    "ZH_FORECAST_CUES", "ZH_MEASURE_WORDS", "ZH_ORG_SUFFIXES", "ZH_QUALIFIERS_AFTER", "ZH_QUALIFIERS_BEFORE",
]

#: Words before a number and the ontology qualifier label they mean.
EN_QUALIFIERS = {
    "more than": "more than", "over": "more than", "above": "more than", "in excess of": "more than",
    "upwards of": "more than", "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly", "up to": "nearly",
    "about": "about", "around": "about", "some": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "exactly": "exact",
}
#: Chinese qualifiers before a number (超过 1000) and after it (1000 余家).
ZH_QUALIFIERS_BEFORE = {"超过": "超过", "逾": "超过", "多于": "超过", "至少": "至少", "不少于": "至少",
                        "近": "近", "将近": "近", "接近": "近", "约": "约", "大约": "约", "近乎": "近"}
ZH_QUALIFIERS_AFTER = {"余": "超过", "多": "超过", "以上": "超过", "左右": "约"}
#: Chinese measure words that end a count (家 for companies, 个 for most things).
ZH_MEASURE_WORDS = "家个张项款台名位例件种所座条批份"

EN_NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
EN_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                        "ninety": 90, "hundred": 100, "dozen": 12})
EN_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], start=1)}

#: Last words of organisation names; the ontology's class nouns (institute, hospital, ...) are added to these.
EN_ORG_SUFFIXES = frozenset({
    "ltd", "ltd.", "limited", "inc", "inc.", "co", "co.", "corp", "corp.", "corporation", "llc", "plc", "gmbh",
    "group", "holdings", "center", "centre", "university", "college", "academy", "administration", "agency",
    "bureau", "commission", "ministry", "foundation", "association", "council", "office", "department",
    "pharmaceutical", "pharmaceuticals", "biotech", "therapeutics", "biosciences", "health", "medical", "lab",
})
#: Suffixes that make a company, whatever else the name holds.
EN_COMPANY_SUFFIXES = frozenset({"ltd", "ltd.", "limited", "inc", "inc.", "co", "co.", "corp", "corp.",
                                 "corporation", "llc", "plc", "gmbh", "pharmaceuticals", "therapeutics",
                                 "biotech", "biosciences"})
#: Lower-case nouns after a name that make it a place (Changping district).
EN_PLACE_NOUNS = frozenset({"district", "province", "city", "county", "municipality", "region", "prefecture",
                            "town", "village", "state"})
#: Words near a name that make it a person's.
EN_PERSON_CUES = frozenset({"said", "says", "noted", "told", "added", "argued", "according", "mr", "mr.", "ms",
                            "ms.", "dr", "dr.", "professor", "prof.", "founded", "co-founded", "led", "headed",
                            "chairman", "founder", "ceo", "researcher", "scientist", "director", "president"})
#: Words before a product's name.
EN_PRODUCT_CUES = ("called", "named", "known as", "dubbed", "branded")
#: Words that mark an expected, not a past, event.
EN_FORECAST_CUES = ("expected to", "is set to", "are set to", "nearing", "poised to", "plans to", "will",
                    "aims to", "is likely to", "forecast", "projected to", "due to")
ZH_FORECAST_CUES = ("预计", "有望", "将", "计划", "拟")
#: Chinese endings of organisation names besides the ontology's class labels.
ZH_ORG_SUFFIXES = ("公司", "集团", "大学", "学院", "中心", "管理局", "委员会", "研究院", "科学院", "基金会", "协会")

#: Capitalised words that open a sentence without naming anything.
EN_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your", "it", "they", "we", "he", "she", "there", "here", "as", "at", "by", "for", "from", "in", "into", "of", "on", "to", "with", "without", "besides", "beyond", "looking", "after", "before", "since", "while", "when", "where", "which", "who", "what", "how", "why", "if", "but", "and", "or", "so", "yet", "also", "still", "however", "meanwhile", "moreover", "established", "located", "according", "among", "between", "over", "under", "about", "some", "many", "most", "more", "less", "several", "such", "other", "another", "each", "every", "both", "all", "any", "no", "not"])
#: Words that end the noun phrase naming a statistic's unit.
EN_UNIT_STOPS = frozenset(
    ["according", "in", "at", "of", "on", "with", "and", "or", "that", "which", "who", "were", "was", "are", "is", "have", "has", "had", "to", "for", "from", "by", "as", "than", "including", "such", "across", "within", "per", "each", "while",
     "now", "then", "today", "there", "here", "too", "also", "already", "yet", "alone", "so", "last", "this",
     "next"])
