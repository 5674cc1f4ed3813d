"""Edit a catalog file: the one writer of papers.yaml, used by ``import`` and ``update --write``.

The file is read once (regular file, size capped, UTF-8 with FILE:LINE on a bad byte), refused
if it is the packaged snapshot, and edited through ruamel.yaml's round trip, which keeps
comments, key order, quoting and blank lines: only the edited lines change. The file's own
line endings (LF, CRLF or CR) and a byte-order mark are kept. ``save`` validates the new text
as ``check`` would read it, then writes it atomically (symlinks written through, mode kept)
under the folder lock, refusing if another program changed the file since it was read.

ruamel.yaml is imported here only, so commands that just read the catalog never load it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from unlearn_bib.errors import Problem, UnlearnBibError
from unlearn_bib.catalog.model import Catalog
from unlearn_bib.files.yamlio import RECORD_ORDER, typed_in_yaml11  # a new field lands where a person would put it

_VALID: list = []  # [(text, shown), catalog]: validate_text's last accepted text, not read twice (import checks, saves)
NEW_CATALOG_HEAD = (
    "# unlearn-bib catalog, started by `unlearn-bib import`. Records marked needs_verification came\n"
    "# from a .bib file or a Markdown table: add authors and sources, then drop the mark\n"
    "# (`unlearn-bib check` lists them).\n"
)


def _rank(name: str) -> int:
    return RECORD_ORDER.index(name) if name in RECORD_ORDER else len(RECORD_ORDER)


def _yaml(indent: int = 4, offset: int = 2):
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 10**9  # never fold a long title or note
    yaml.allow_unicode = True
    yaml.indent(mapping=max(2, indent - offset), sequence=max(2, indent), offset=offset)
    return yaml


def _tail(node):
    """(comment slots, key, slot position) of the comment that ends ``node``: ruamel keeps the
    blank line after a record on its deepest last value (a map's key slot 2, a list's item slot 0)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while True:
        last, pos = (next(reversed(node)), 2) if isinstance(node, CommentedMap) else (len(node) - 1, 0)
        value, slot = node[last], node.ca.items.get(last)
        if (isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style()
                and not (slot and slot[pos])):
            node = value
            continue
        return node.ca.items, last, pos


def _blank_after(node):
    """Detach and return the comment token (the blank line) that ends ``node``, or None."""
    if not node:
        return None
    items, last, pos = _tail(node)
    slot = items.get(last)
    token = slot[pos] if slot else None
    if token is not None:
        slot[pos] = None
    return token


def _put_after(node, token) -> None:
    """Attach a comment token (a blank line) to the end of ``node``."""
    if token is not None and node:
        items, last, pos = _tail(node)
        items.setdefault(last, [None, None, None, None])[pos] = token


def _blank_token():
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken("\n\n", CommentMark(0), None)


def _node(value):
    """Plain data as ruamel nodes: a person stays one flow mapping on one line, as papers.yaml writes them."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for name in value:
            out[name] = _node(value[name])
        return out
    if isinstance(value, (list, tuple)):
        out = CommentedSeq(_node(v) for v in value)
        for item in out:
            if isinstance(item, CommentedMap):
                item.fa.set_flow_style()
        return out
    if isinstance(value, str) and typed_in_yaml11(value):  # "No" (a family name) would load as a boolean
        from ruamel.yaml.scalarstring import SingleQuotedScalarString
        return SingleQuotedScalarString(value)
    return value


def _record_node(record: dict):
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for name in sorted(record, key=_rank):
        out[name] = _node(record[name])
    return out


def packaged_problem(path: Path) -> str | None:
    """Why ``path`` must not be written (the installed package's own data), or None."""
    from unlearn_bib.catalog.load import PACKAGE_DIR

    real = Path(os.path.realpath(path))
    inside = real.is_relative_to(PACKAGE_DIR) or any(p in ("site-packages", "dist-packages") for p in real.parts)
    return READ_ONLY.format(real) if inside else None


READ_ONLY = ("{} is the packaged snapshot of the catalog, which is read-only: "
             "pass --papers FILE or run in the folder of your list's papers.yaml")


@dataclass
class Editor:
    """One catalog file open for editing: ``add_records``, ``set_fields``, ``append_to``, then ``save``."""

    file: str  # the file written
    shown: str  # as reports name it
    before: bytes  # as read ("" for a new file)
    catalog: Catalog  # as read
    doc: object  # the ruamel tree
    yaml: object
    newline: str = "\n"
    bom: bool = False
    added: list[str] = field(default_factory=list)
    refusal: str | None = None  # why this file must not be written (the packaged snapshot)
    label: str = ""  # see describe()
    _pending: list = field(default_factory=list)  # comments to put below a list once it has items

    # --- reading the tree ----------------------------------------------------------------------
    def _list(self, name: str):
        from ruamel.yaml.comments import CommentedSeq

        seq = self.doc.get(name)
        if seq is None or (isinstance(seq, CommentedSeq) and not seq):  # absent, or "[]"
            seq = CommentedSeq()
            if name in self.doc:
                self.doc[name] = seq
                self._split_comment(name)
            elif name == "sections" and "papers" in self.doc:
                self.doc.insert(list(self.doc).index("papers"), name, seq)
                self._pending.append((name, _blank_token()))
            else:
                token = _blank_after(self.doc)
                self.doc[name] = seq
                _put_after(self.doc, token)
        return seq

    def _split_comment(self, name: str) -> None:
        """``papers: []  # none yet`` followed by comment lines: the line's own comment stays on
        the key, the lines after it move below the list that now fills the lines between."""
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        slot = self.doc.ca.items.get(name)
        token = slot[2] if slot and len(slot) > 2 else None
        if token is None:
            return
        first, _, rest = token.value.partition("\n")
        slot[2] = CommentToken(first.strip() + "\n", CommentMark(len(name) + 3 if first.strip() else 0), None)
        if rest:
            self._pending.append((name, CommentToken("\n" + rest, CommentMark(0), None)))

    def _index(self, key: str) -> int:
        papers, at = self.doc.get("papers") or [], getattr(self, "_where", {}).get(key)  # a hint: edits stay linear
        if at is None or at >= len(papers) or not isinstance(papers[at], dict) or papers[at].get("key") != key:
            self._where = {r.get("key"): i for i, r in reversed(list(enumerate(papers))) if isinstance(r, dict)}
        if key not in self._where:
            raise UnlearnBibError(f"{self.shown}: no record with key {key!r}")
        return self._where[key]

    def record(self, key: str):
        return self.doc["papers"][self._index(key)]

    # --- edits -----------------------------------------------------------------------------------
    def add_section(self, section_id: str, title: str) -> None:
        """Append a section (nothing if the id is there already)."""
        from ruamel.yaml.comments import CommentedMap

        seq = self._list("sections")
        if any(isinstance(s, dict) and s.get("id") == section_id for s in seq):
            return
        token = _blank_after(seq)
        item = CommentedMap()
        item["id"], item["title"] = section_id, title
        seq.append(item)
        _put_after(seq, token)

    def _position(self, section: str, after: str | None, before: str | None) -> int:
        papers = self.doc["papers"]
        if after is not None:
            return self._index(after) + 1
        if before is not None:
            return self._index(before)
        # The end of the record's section; for a section with no records yet, after the
        # records of the sections listed before it.
        order = [s.get("id") for s in self.doc.get("sections") or [] if isinstance(s, dict)]
        rank = {sid: i for i, sid in enumerate(order)}
        mine = rank.get(section, len(order))
        at = len(papers)
        same = [i for i, r in enumerate(papers) if isinstance(r, dict) and r.get("section") == section]
        if same:
            return same[-1] + 1
        earlier = [i for i, r in enumerate(papers) if isinstance(r, dict) and rank.get(r.get("section"), -1) < mine]
        later = [i for i, r in enumerate(papers) if isinstance(r, dict) and rank.get(r.get("section"), -1) > mine]
        if later and (not earlier or earlier[-1] < later[0]):
            return earlier[-1] + 1 if earlier else later[0]
        return at

    def add_records(self, records: list[dict], *, after: str | None = None, before: str | None = None) -> None:
        """Insert records (plain dicts, any field order) in the catalog.

        Without a hint each goes to the end of its section; ``after``/``before`` name the key of
        a record (one already there, or one added before) the first record goes after/before;
        the others follow it in the order given.
        """
        papers = self._list("papers")
        spaced = self._spaced(papers)
        for record in records:
            node = _record_node(record)
            at = self._position(record.get("section", ""), after, before)
            if at == len(papers):  # the new last record: the old last one gains the separating blank line
                token = _blank_after(papers)
                papers.append(node)
                if len(papers) > 1 and spaced:
                    _put_after(papers[-2], _blank_token())
                _put_after(papers, token)
            else:
                papers.insert(at, node)
                if spaced:
                    _put_after(node, _blank_token())
            after, before = record["key"], None
            self.added.append(record["key"])

    def describe(self) -> str:
        """The file named as reports name it: "papers.yaml (/home/me/list/papers.yaml)"."""
        return self.label or self.shown

    @staticmethod
    def _spaced(papers) -> bool:
        """Does the list separate records by a blank line (papers.yaml does)? Yes for a new list."""
        if len(papers) < 2:
            return True
        token = _blank_after(papers[0])
        _put_after(papers[0], token)
        return token is not None and "\n\n" in getattr(token, "value", "")

    def set_fields(self, key: str, fields: dict) -> None:
        """Set fields of one record: an existing field changes in place, a new one takes its place in the field order."""
        record = self.record(key)
        token = _blank_after(record)
        for name, value in fields.items():
            if name in record:
                if record[name] != value:  # an equal value keeps its quoting
                    record[name] = _node(value)
                continue
            names = list(record)
            at = next((i for i, other in enumerate(names) if _rank(other) > _rank(name)), len(names))
            record.insert(at, name, _node(value))
        _put_after(record, token)

    def append_to(self, key: str, name: str, values: list) -> None:
        """Append items to a list field of one record (created if absent)."""
        if not values:
            return
        record = self.record(key)
        if name not in record:
            self.set_fields(key, {name: list(values)})
            return
        token = _blank_after(record)
        record[name].extend(_node(v) for v in values)
        _put_after(record, token)

    def remove_field(self, key: str, name: str) -> None:
        record = self.record(key)
        if name in record:
            token = _blank_after(record)
            del record[name]
            _put_after(record, token)

    # --- writing ---------------------------------------------------------------------------------
    def text(self) -> str:
        """The catalog text after the edits, in the file's own line endings."""
        import io

        while self._pending:
            name, token = self._pending.pop()
            if self.doc.get(name):
                _put_after(self.doc[name], token)
        out = io.StringIO()
        self.yaml.dump(self.doc, out)
        new = out.getvalue()
        old = self.before.decode("utf-8")
        if self.bom:
            old = old[1:]
        return ("\ufeff" if self.bom else "") + _keep_endings(old, new, self.newline)

    def validate(self, text: str) -> Catalog:
        return validate_text(text, self.shown)

    def save(self, text: str | None = None) -> bool:
        """Validate and write the edited catalog (False: nothing changed, nothing written)."""
        if self.refusal:
            raise UnlearnBibError(self.refusal)
        return save_text(self.file, self.shown, self.before, self.text() if text is None else text)


def validate_text(text: str, shown: str, data=None) -> Catalog:
    """The catalog ``text`` would be, read as ``check`` reads it (``data``: what reading it gives, values and lines, when the caller wrote the text from it); an error names the problems."""
    from unlearn_bib.catalog.validate import build_catalog
    from unlearn_bib.files.yamlio import load_yaml

    if _VALID[:1] != [(text, shown)]:
        try:
            _VALID[:] = [(text, shown), build_catalog(load_yaml(text.encode("utf-8"), shown) if data is None else data, shown, strict=False)]
        except UnlearnBibError as exc:
            raise UnlearnBibError(Problem(f"the edit would leave {shown} invalid; nothing written:"),
                                  *exc.problems) from None
    return _VALID[1]


def save_text(file: str, shown: str, before: bytes, text: str) -> bool:
    """Write a catalog's new text: validated, atomic, under the folder lock (the one ``import``
    holds), refused if the file no longer holds ``before``. False: nothing to write."""
    from unlearn_bib.files.write import locked, write_atomic

    data = text.encode("utf-8")
    if data == before:
        return False
    problem = packaged_problem(Path(file))
    if problem:
        raise UnlearnBibError(problem)
    validate_text(text, shown)
    with locked(os.path.dirname(os.path.realpath(file))):
        write_atomic(file, data, expect=before)
    return True


def _keep_endings(old: str, new: str, newline: str) -> str:
    """``new`` (LF lines, as ruamel writes) with the file's line ending; lines unchanged from
    ``old`` keep exactly the ending they had (a file with mixed endings keeps them)."""
    from unlearn_bib.text.lines import split_lines

    converted = new.replace("\n", newline) if newline != "\n" else new
    if not old or converted == old:
        return converted
    before = split_lines(old)
    endings = {line[len(line.rstrip("\r\n")):] for line in before} - {""}
    if endings <= {newline}:
        return converted  # one ending throughout: nothing else to keep
    import difflib

    plain = [line.rstrip("\r\n") for line in before]
    after = new.split("\n")
    trailing = after[-1] == ""
    after = after[:-1] if trailing else after
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, plain, after, autojunk=False).get_opcodes():
        if tag == "equal":
            out += before[i1:i2]
        else:
            out += [line + newline for line in after[j1:j2]]
    text = "".join(out)
    return text if trailing or not text.endswith(newline) else text[: -len(newline)]


def _layout(text: str) -> tuple[int, int]:
    """(sequence indent, dash offset) of the file's block lists, from the first list item
    ("  - key:" in papers.yaml: 4, 2), without parsing the file a second time."""
    import re

    found = re.search(r"^( *)-( +)\S", text, re.M)
    if not found:
        return 4, 2
    offset = len(found.group(1))
    return offset + 1 + len(found.group(2)), offset


def writable(found) -> None:
    """Refuse, in one line, a catalog that must not be written (the packaged snapshot)."""
    refusal = packaged_problem(found.path) or (READ_ONLY.format(found.path) if found.packaged else None)
    if refusal:
        raise UnlearnBibError(refusal)


def open_for_edit(path: str | os.PathLike | None = None, *, read_only: bool = False) -> Editor:
    """The catalog the user means (``--papers``, else ./papers.yaml or one in an enclosing folder
    of the checkout), open for editing; the packaged snapshot is refused (``read_only``: opened,
    to show a diff, but ``save`` refuses). A missing or empty file starts a new catalog."""
    from unlearn_bib.catalog.load import find_catalog, read_bytes

    found = find_catalog(path)
    refusal = packaged_problem(found.path) or (READ_ONLY.format(found.path) if found.packaged else None)
    if refusal and not read_only:
        raise UnlearnBibError(refusal)
    file, shown = str(found.path), found.shown
    data = read_bytes(file) if os.path.exists(file) else b""
    return _editor(data, file, shown, refusal=refusal, label=found.describe())


def edit_text(text: str, file: str, shown: str) -> Editor:
    """An editor over ``text`` (an import's result, not written yet) standing for ``file``: edit, then ``text()``."""
    return _editor(text.encode("utf-8"), file, shown)


def _editor(data: bytes, file: str, shown: str, *, refusal: str | None = None, label: str = "") -> Editor:
    from unlearn_bib.catalog.validate import build_catalog
    from unlearn_bib.files.yamlio import load_yaml
    from unlearn_bib.files.read import decode

    text = decode(data, shown)
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    if "\n" not in body and "\r" in body:  # classic Mac: CR alone
        newline, lf = "\r", body.replace("\r", "\n")
    else:  # the ending most lines have; every CRLF is read as LF
        crlf = body.count("\r\n")
        newline, lf = ("\r\n" if crlf > body.count("\n") - crlf else "\n"), body.replace("\r\n", "\n")
    if not body.strip():
        catalog = Catalog((), (), shown)
        lf = NEW_CATALOG_HEAD + "sections: []\npapers: []\n"
        data = b""
    else:
        catalog = build_catalog(load_yaml(data, shown), shown, strict=False)  # FILE:LINE for any problem
    indent, offset = _layout(lf)
    yaml = _yaml(indent, offset)
    doc = yaml.load(lf)
    editor = Editor(file, shown, data, catalog, doc, yaml, newline, bom, refusal=refusal, label=label)
    if not data:  # a new file: "sections: []" and "papers: []" become block lists when filled
        from ruamel.yaml.comments import CommentedSeq

        doc["sections"], doc["papers"] = CommentedSeq(), CommentedSeq()
        editor._pending.append(("sections", _blank_token()))  # a blank line before "papers:"
    return editor
