"""BibTeX names split as the ``bibtex`` program splits them (issue 19 item 1).

Oracle: the ``bibtex`` program itself (BibTeX 0.99d, TeX Live), run on a one-name-per-entry .bib with
a tiny style that prints each name's {ff}/{vv}/{ll}/{jj} through format.name$. The table below is
that program's output (ties read as spaces); ``test_the_table_is_what_bibtex_says`` re-runs the
program when it is installed, so a wrong row cannot hide. Where we depart from the program on
purpose (DEPARTURES), pandoc's reading of the name is the oracle instead.
"""
import json
import shutil
import subprocess

import pytest

from unlearn_bib.read.names import parse_name, split_name, split_names

# (name as typed, [(First, von, Last, Jr) for each name], as `bibtex` splits it)
TABLE = [
    ('Donald E. Knuth', [('Donald E.', '', 'Knuth', '')]),
    ('Knuth, Donald E.', [('Donald E.', '', 'Knuth', '')]),
    ('Ludwig van Beethoven', [('Ludwig', 'van', 'Beethoven', '')]),
    ('van Beethoven, Ludwig', [('Ludwig', 'van', 'Beethoven', '')]),
    ('Jan van der Berg', [('Jan', 'van der', 'Berg', '')]),
    ('van der Berg, Jan', [('Jan', 'van der', 'Berg', '')]),
    ('van der Berg, Jr., Jan', [('Jan', 'van der', 'Berg', 'Jr.')]),
    ('Jean de la Fontaine', [('Jean', 'de la', 'Fontaine', '')]),
    ('de la Fontaine, Jean', [('Jean', 'de la', 'Fontaine', '')]),
    ("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin", [('Charles Louis Xavier Joseph', 'de la', "Vall{\\'e}e Poussin", '')]),
    ('Andrea de Leeuw van Weenen', [('Andrea', 'de Leeuw van', 'Weenen', '')]),
    ('de Leeuw van Weenen, Andrea', [('Andrea', 'de Leeuw van', 'Weenen', '')]),
    ("Marco d'Aviano Pius von und zu Liechtenstein", [('Marco', "d'Aviano Pius von und zu", 'Liechtenstein', '')]),
    ('Martin Luther King, Jr.', [('Jr.', '', 'Martin Luther King', '')]),
    ('King, Jr., Martin Luther', [('Martin Luther', '', 'King', 'Jr.')]),
    ('King, Jr, Martin Luther', [('Martin Luther', '', 'King', 'Jr')]),
    ('Sammy Davis Jr.', [('Sammy Davis', '', 'Jr.', '')]),
    ('Davis, Jr., Sammy', [('Sammy', '', 'Davis', 'Jr.')]),
    ('Jean-Paul Sartre', [('Jean-Paul', '', 'Sartre', '')]),
    ('Sartre, Jean-Paul', [('Jean-Paul', '', 'Sartre', '')]),
    ('Paul Sartre-Jones', [('Paul', '', 'Sartre-Jones', '')]),
    ('Jean~Paul Sartre', [('Jean Paul', '', 'Sartre', '')]),
    ('Ko\\c{c}, Ay\\c{s}e', [('Ay\\c{s}e', '', 'Ko\\c{c}', '')]),
    ('Ko{\\c{c}}, Ay{\\c{s}}e', [('Ay{\\c{s}}e', '', 'Ko{\\c{c}}', '')]),
    ('Ay{\\c{s}}e Ko{\\c{c}}', [('Ay{\\c{s}}e', '', 'Ko{\\c{c}}', '')]),
    ('Gro\\ss{}e, J\\"urgen', [('J\\"urgen', '', 'Gro\\ss{}e', '')]),
    ('Gro{\\ss}e, J{\\"u}rgen', [('J{\\"u}rgen', '', 'Gro{\\ss}e', '')]),
    ('\\L{}ukasz Kaiser', [('\\L{}ukasz', '', 'Kaiser', '')]),
    ('{\\L}ukasz Kaiser', [('{\\L}ukasz', '', 'Kaiser', '')]),
    ('Kaiser, {\\L}ukasz', [('{\\L}ukasz', '', 'Kaiser', '')]),
    ('{\\o}ystein Ore', [('', '{\\o}ystein', 'Ore', '')]),
    ('{\\O}ystein Ore', [('{\\O}ystein', '', 'Ore', '')]),
    ('Ore, {\\O}ystein', [('{\\O}ystein', '', 'Ore', '')]),
    ('{\\aa}se Berg', [('', '{\\aa}se', 'Berg', '')]),
    ('{\\AA}se Berg', [('{\\AA}se', '', 'Berg', '')]),
    ('J\\"org Sch\\"onberger', [('J\\"org', '', 'Sch\\"onberger', '')]),
    ('Jo\\~{a}o Carreira', [('Jo\\', '{a}o', 'Carreira', '')]),
    ('Carreira, Jo{\\~a}o', [('Jo{\\ a}o', '', 'Carreira', '')]),
    ('Nguy{\\~{\\^{e}}}n V\\u{a}n Minh', [('Nguy{\\ {\\^{e}}}n V\\u{a}n', '', 'Minh', '')]),
    ('Nguy\\~{\\^{e}}n, V\\u{a}n Minh', [('V\\u{a}n Minh', '', 'Nguy\\ {\\^{e}}n', '')]),
    ('{\\v{Z}}iga Zadnik', [('{\\v{Z}}iga', '', 'Zadnik', '')]),
    ("Petr {\\v{Z}}\\'{a}k", [('Petr', '', "{\\v{Z}}\\'{a}k", '')]),
    ("Dan Jurafsky and {\\v{Z}}eljko Agi{\\'c}", [('Dan', '', 'Jurafsky', ''), ('{\\v{Z}}eljko', '', "Agi{\\'c}", '')]),
    ('{Google DeepMind}', [('', '', '{Google DeepMind}', '')]),
    ('{The Unlearning Consortium}', [('', '', '{The Unlearning Consortium}', '')]),
    ('{Barnes and Noble, Inc.}', [('', '', '{Barnes and Noble, Inc.}', '')]),
    ('{Barnes} {and} {Noble}', [('{Barnes} {and}', '', '{Noble}', '')]),
    ('others', [('', '', 'others', '')]),
    ('Jean {de la} Fontaine', [('Jean {de la}', '', 'Fontaine', '')]),
    ('{von Neumann}, John', [('John', '', '{von Neumann}', '')]),
    ('John {von Neumann}', [('John', '', '{von Neumann}', '')]),
    ('John von Neumann', [('John', 'von', 'Neumann', '')]),
    ('Vincent {van Gogh}', [('Vincent', '', '{van Gogh}', '')]),
    ('Vincent van Gogh', [('Vincent', 'van', 'Gogh', '')]),
    ('Ursula {Le Guin}', [('Ursula', '', '{Le Guin}', '')]),
    ('Ursula K. Le Guin', [('Ursula K. Le', '', 'Guin', '')]),
    ('Le Guin, Ursula K.', [('Ursula K.', '', 'Le Guin', '')]),
    ("{\\'E}mile Zola", [("{\\'E}mile", '', 'Zola', '')]),
    ("\\'Emile Zola", [("\\'Emile", '', 'Zola', '')]),
    ("Zola, {\\'E}mile", [("{\\'E}mile", '', 'Zola', '')]),
    ("Ren{\\'e} Descartes", [("Ren{\\'e}", '', 'Descartes', '')]),
    ("Descartes, Ren\\'e", [("Ren\\'e", '', 'Descartes', '')]),
    ('Anne-Marie de Villiers', [('Anne-Marie', 'de', 'Villiers', '')]),
    ('Villiers, Anne-Marie de', [('Anne-Marie de', '', 'Villiers', '')]),
    ('de Villiers, Anne-Marie', [('Anne-Marie', 'de', 'Villiers', '')]),
    ("Alberto Garc{\\'\\i}a-Dur{\\'a}n", [('Alberto', '', "Garc{\\'\\i}a-Dur{\\'a}n", '')]),
    ("Garc\\'{\\i}a-Dur\\'an, Alberto", [('Alberto', '', "Garc\\'{\\i}a-Dur\\'an", '')]),
    ("Juan Jos\\'e {de la Cruz} Mart\\'{\\i}nez", [("Juan Jos\\'e {de la Cruz}", '', "Mart\\'{\\i}nez", '')]),
    ("Mart{\\'\\i}n Abadi", [("Mart{\\'\\i}n", '', 'Abadi', '')]),
    ('al-Khwarizmi, Muhammad', [('Muhammad', 'al', 'Khwarizmi', '')]),
    ('Muhammad al-Khwarizmi', [('Muhammad', 'al', 'Khwarizmi', '')]),
    ('Chi{-}Pin Huang', [('Chi{-}Pin', '', 'Huang', '')]),
    ('Huang, Chi-Pin', [('Chi-Pin', '', 'Huang', '')]),
    ('AA BB', [('AA', '', 'BB', '')]),
    ('AA', [('', '', 'AA', '')]),
    ('aa', [('', '', 'aa', '')]),
    ('AA bb', [('AA', '', 'bb', '')]),
    ('aa bb', [('', 'aa', 'bb', '')]),
    ('aa bb CC', [('', 'aa bb', 'CC', '')]),
    ('aa CC dd EE', [('', 'aa CC dd', 'EE', '')]),
    ('AA bb CC dd EE', [('AA', 'bb CC dd', 'EE', '')]),
    ('AA 1B cc dd', [('AA 1B', 'cc', 'dd', '')]),
    ('AA 1b cc dd', [('AA', '1b cc', 'dd', '')]),
    ('AA {b}B cc dd', [('AA {b}B', 'cc', 'dd', '')]),
    ('AA {b}b cc dd', [('AA', '{b}b cc', 'dd', '')]),
    ('AA {B}b cc dd', [('AA', '{B}b cc', 'dd', '')]),
    ('AA \\BB{b} cc dd', [('AA \\BB{b}', 'cc', 'dd', '')]),
    ('AA \\bb{b} cc dd', [('AA', '\\bb{b} cc', 'dd', '')]),
    ('AA {bb} cc dd', [('AA {bb}', 'cc', 'dd', '')]),
    ('AA {bb} CC', [('AA {bb}', '', 'CC', '')]),
    ('bb CC, AA', [('AA', 'bb', 'CC', '')]),
    ('bb CC, aa', [('aa', 'bb', 'CC', '')]),
    ('bb CC dd EE, AA', [('AA', 'bb CC dd', 'EE', '')]),
    ('bb, AA', [('AA', '', 'bb', '')]),
    ('BB,', [('', '', 'BB', '')]),
    ('bb CC,XX, AA', [('AA', 'bb', 'CC', 'XX')]),
    ('bb CC,xx, AA', [('AA', 'bb', 'CC', 'xx')]),
    ('BB,, AA', [('AA', '', 'BB', '')]),
    ('AA-BB CC', [('AA-BB', '', 'CC', '')]),
    ('aa-bb CC', [('', 'aa-bb', 'CC', '')]),
    ('Per Brinch Hansen', [('Per Brinch', '', 'Hansen', '')]),
    ('Brinch Hansen, Per', [('Per', '', 'Brinch Hansen', '')]),
    ('{\\relax Ch}ristopher Manning', [('{\\relax Ch}ristopher', '', 'Manning', '')]),
    ('Frank {\\uppercase{d}e}Vries', [('Frank', '', '{\\uppercase{d}e}Vries', '')]),
    ('Y. Bengio', [('Y.', '', 'Bengio', '')]),
    ('Yoshua Bengio', [('Yoshua', '', 'Bengio', '')]),
    ('LeCun, Yann', [('Yann', '', 'LeCun', '')]),
    ('D{\\"o}rte Witt', [('D{\\"o}rte', '', 'Witt', '')]),
    ('\\v{Z}iga Zadnik', [('', '\\v{Z}iga', 'Zadnik', '')]),
    ("Dan Jurafsky and \\v{Z}eljko Agi\\'c", [('Dan', '', 'Jurafsky', ''), ('', '\\v{Z}eljko', "Agi\\'c", '')]),
    ('Émile Zola', [('', 'Émile', 'Zola', '')]),
    ('Çağlar Gülçehre', [('', 'Çağlar', 'Gülçehre', '')]),
    ('Łukasz Kaiser', [('', 'Łukasz', 'Kaiser', '')]),
    ('Ko\\c{c}, Ay\\c{s}e and Gro\\ss{}e, J\\"urgen and \\L{}ukasz Kaiser', [('Ay\\c{s}e', '', 'Ko\\c{c}', ''), ('J\\"urgen', '', 'Gro\\ss{}e', ''), ('\\L{}ukasz', '', 'Kaiser', '')]),
]

# Where the program's byte-level reading breaks a name that pandoc and biber read right:
# "\~" is an accent, not a tie; a bare accent command is judged by its letter (\v{Z} is upper case);
# a letter typed in UTF-8 by its Unicode case.
DEPARTURES = {
    "Jo\\~{a}o Carreira": [("Jo\\ {a}o", "", "Carreira", "")],  # "~" read as a space here, as in TABLE
    "\\v{Z}iga Zadnik": [("\\v{Z}iga", "", "Zadnik", "")],
    "Dan Jurafsky and \\v{Z}eljko Agi\\'c": [("Dan", "", "Jurafsky", ""), ("\\v{Z}eljko", "", "Agi\\'c", "")],
    "Émile Zola": [("Émile", "", "Zola", "")],
    "Çağlar Gülçehre": [("Çağlar", "", "Gülçehre", "")],
    "Łukasz Kaiser": [("Łukasz", "", "Kaiser", "")],
}

BST = r"""ENTRY { author } { } { }
INTEGERS { n i }
STRINGS { s }
FUNCTION {process}
{ author 's :=
  s num.names$ 'n :=
  #1 'i :=
  { i n #1 + < }
  { cite$ write$ "|" write$
    s i "{ff}" format.name$ write$ "|" write$
    s i "{vv}" format.name$ write$ "|" write$
    s i "{ll}" format.name$ write$ "|" write$
    s i "{jj}" format.name$ write$ newline$
    i #1 + 'i :=
  } while$
}
FUNCTION {misc} { }
FUNCTION {default.type} { }
READ
ITERATE {process}
"""


def _norm(text: str) -> str:
    return " ".join(text.replace("~", " ").split())


def ours(author: str) -> list[tuple[str, ...]]:
    return [tuple(_norm(x) for x in (p.first, p.von, p.last, p.jr)) for p in map(split_name, split_names(author))]


def test_the_table_is_large_enough():
    assert len(TABLE) >= 60 and len({name for name, _ in TABLE}) == len(TABLE)
    assert set(DEPARTURES) <= {name for name, _ in TABLE}


@pytest.mark.parametrize("name,expected", TABLE, ids=[f"{i:03d}" for i in range(len(TABLE))])
def test_names_split_as_bibtex_splits_them(name, expected):
    assert ours(name) == DEPARTURES.get(name, expected)


@pytest.mark.skipif(shutil.which("bibtex") is None, reason="needs the bibtex program (the oracle)")
def test_the_table_is_what_bibtex_says(tmp_path):
    (tmp_path / "names.bst").write_text(BST, encoding="utf-8")
    (tmp_path / "t.bib").write_text("".join(f"@misc{{n{i:03d}, author = {{{name}}}}}\n" for i, (name, _) in enumerate(TABLE)),
                                    encoding="utf-8")
    (tmp_path / "t.aux").write_text("\\citation{*}\n\\bibstyle{names}\n\\bibdata{t}\n", encoding="utf-8")
    subprocess.run(["bibtex", "-terse", "t"], cwd=tmp_path, capture_output=True, timeout=60)
    said: dict[str, list] = {}
    for line in (tmp_path / "t.bbl").read_text(encoding="utf-8").splitlines():
        key, *parts = line.split("|")
        said.setdefault(key, []).append(tuple(_norm(p) for p in parts))
    assert [said[f"n{i:03d}"] for i in range(len(TABLE))] == [expected for _, expected in TABLE]


@pytest.mark.parametrize("name", sorted(DEPARTURES))
def test_departures_read_as_pandoc_reads_them(name):
    pypandoc = pytest.importorskip("pypandoc")
    item = json.loads(pypandoc.convert_text("@misc{k, author = {%s}}\n" % name, "csljson", format="bibtex"))[0]
    theirs = [(a.get("given", ""), a.get("family", "")) for a in item["author"]]
    assert [(p.get("given", ""), p.get("family", "")) for p in map(parse_name, split_names(name))] == theirs


def test_parse_name_decodes_after_splitting():
    assert parse_name("Ko\\c{c}, Ay\\c{s}e") == {"family": "Koç", "given": "Ayşe"}
    assert parse_name("\\L{}ukasz Kaiser") == {"family": "Kaiser", "given": "Łukasz"}
    assert parse_name(r"Gro\ss{}e, J\"urgen") == {"family": "Große", "given": "Jürgen"}
    assert parse_name("Nguy\\~{\\^{e}}n, V\\u{a}n Minh") == {"family": "Nguyễn", "given": "Văn Minh"}
    assert parse_name("Andrea de Leeuw van Weenen") == {"family": "Weenen", "given": "Andrea", "particle": "de Leeuw van"}
    assert parse_name("King, Jr., Martin Luther") == {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
    # BibTeX's von "al" is joined to Last by a hyphen: one family name in the catalog (CSL: particle "al-")
    assert parse_name("al-Khwarizmi, Muhammad") == {"family": "al-Khwarizmi", "given": "Muhammad"}
    assert parse_name("{Google DeepMind}") == {"literal": "Google DeepMind"}
    assert [parse_name(n) for n in split_names("Dan Jurafsky and \\v{Z}eljko Agi\\'c and others")] == [
        {"family": "Jurafsky", "given": "Dan"}, {"family": "Agić", "given": "Željko"}, {"family": "others"}]
