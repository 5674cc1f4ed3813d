"""biblatex's vocabulary as CSL reads it: entry types, the localisation keys a .bib's fields
hold (the strings of biblatex's english.lbx), and babel/polyglossia language names.

The tables of ``items.from_bib``; where a mapping differs from pandoc's, the comment says why.
"""
from __future__ import annotations

# BibTeX/BibLaTeX entry type -> CSL type (pandoc's table; @conference: see below). @misc and a type
# the table does not know have no CSL type (""), as pandoc writes them: see ``from_bib._type``.
TYPES = {
    "article": "article-journal", "periodical": "periodical", "suppperiodical": "article-journal",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "proceedings": "book",
    "mvproceedings": "book", "reference": "book", "mvreference": "book", "manual": "book",
    "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference",  # pandoc leaves @conference untyped
    "inreference": "entry-encyclopedia",
    "online": "webpage", "electronic": "webpage", "www": "webpage",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report",
    "software": "software", "dataset": "dataset", "data": "dataset", "patent": "patent", "standard": "standard",
    "unpublished": "manuscript", "letter": "personal_communication",
    "movie": "motion_picture", "video": "motion_picture", "audio": "song", "music": "song",
    "artwork": "graphic", "image": "graphic", "legislation": "legislation", "jurisdiction": "legal_case",
    "review": "review",
}
# The `type` field of a thesis, report or patent -> CSL genre (pandoc's wording).
GENRES = {
    "phdthesis": "PhD thesis", "mathesis": "Master’s thesis", "mastersthesis": "Master’s thesis",
    "candthesis": "Candidate thesis", "techreport": "technical report", "resreport": "research report",
    "patent": "patent", "patentus": "U.S. patent", "patentde": "German patent", "patenteu": "European patent",
    "patentfr": "French patent", "patentuk": "British patent", "patrequs": "U.S. patent request",
    # the other keys biblatex.def localises in ``type`` (english.lbx's strings)
    "bathesis": "Bachelor’s thesis", "software": "computer software", "datacd": "CD-ROM", "audiocd": "audio CD",
    "patreq": "patent request", "patreqde": "German patent request", "patreqeu": "European patent request",
    "patreqfr": "French patent request", "patrequk": "British patent request",
}
# english.lbx's series keys (a journal's ``series``) and a patent's countries (its ``location``)
SERIES_KEYS = {"newseries": "new series", "oldseries": "old series"}
COUNTRIES = {"countryde": "Germany", "countryeu": "European Union", "countryep": "European Union",
             "countryfr": "France", "countryuk": "United Kingdom", "countryus": "United States of America"}
DEFAULT_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master’s thesis"}
# babel/polyglossia language names -> BCP 47 (pandoc's table, the common part).
LANGUAGES = {
    "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB", "ukenglish": "en-GB",
    "canadian": "en-CA", "australian": "en-AU", "newzealand": "en-NZ",
    "german": "de-DE", "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT", "swissgerman": "de-CH",
    "nswissgerman": "de-CH", "french": "fr-FR", "francais": "fr-FR", "canadien": "fr-CA", "spanish": "es-ES",
    "italian": "it-IT", "dutch": "nl-NL", "portuguese": "pt-PT", "portuges": "pt-PT", "brazil": "pt-BR",
    "brazilian": "pt-BR", "russian": "ru-RU", "ukrainian": "uk-UA", "polish": "pl-PL", "czech": "cs-CZ",
    "slovak": "sk-SK", "slovene": "sl-SL", "croatian": "hr-HR", "serbian": "sr-RS", "bulgarian": "bg-BG",
    "romanian": "ro-RO", "hungarian": "hu-HU", "magyar": "hu-HU", "greek": "el-GR", "turkish": "tr-TR",
    "swedish": "sv-SE", "norsk": "nb-NO", "norwegian": "nb-NO", "nynorsk": "nn-NO", "danish": "da-DK",
    "finnish": "fi-FI", "icelandic": "is-IS", "estonian": "et-EE", "latvian": "lv-LV", "lithuanian": "lt-LT",
    "catalan": "ca-AD", "basque": "eu", "galician": "gl-ES", "latin": "la", "hebrew": "he-IL", "arabic": "ar",
    "farsi": "fa-IR", "persian": "fa-IR", "japanese": "ja-JP", "chinese": "zh-CN", "korean": "ko-KR",
    "vietnamese": "vi-VN", "thai": "th-TH", "indonesian": "id-ID", "afrikaans": "af-ZA", "welsh": "cy-GB",
    "irish": "ga-IE", "mongolian": "mn-MN",
}
# BibLaTeX's pubstate keys -> the words pandoc writes as CSL ``status``; other values as written.
PUBSTATES = {"inpress": "in press", "inpreparation": "in preparation", "prepublished": "pre-published"}
# biblatex's ``langidopts = {variant=...}`` for English (polyglossia's variants, as pandoc reads them)
VARIANTS = {"british": "british", "uk": "british", "american": "american", "us": "american", "usmax": "american",
            "australian": "australian", "newzealand": "newzealand"}
