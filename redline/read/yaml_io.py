"""Stage <-> YAML, made for people to read and edit; round trip is identity.

One block per article, its text as a block scalar (one line per paragraph or
item), keys in a fixed order::

    law: cybersecurity-law
    stage: final
    title: 中华人民共和国网络安全法
    language: zh
    date: '2016-11-07'
    source: {path: cybersecurity-law/2016-11-07.md, sha256: ac4b…}
    history: [2016年11月7日…通过]
    divisions:
    - {id: chp_1, kind: chapter, number: 1, heading: 第一章 总则, title: 总则}
    articles:
    - number: 1
      label: 第一条
      division: chp_1
      text: |-
        为了保障网络安全，……制定本法。

``number`` is an integer, or a string ``"120-1"`` for 第一百二十条之一.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import RedlineError
from ..model import Article, Division, Stage
from ..numbering import ArticleNumber

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    pass


class _Block(str):
    """A string to be written as a ``|`` block scalar."""


class _Flow(dict):
    """A mapping to be written on one line."""


_Dumper.add_representer(
    _Block, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="|"))
_Dumper.add_representer(
    _Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m, flow_style=True))


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=10**6, default_flow_style=False)


def stage_to_data(st: Stage) -> dict:
    data: dict[str, Any] = {"law": st.law, "stage": st.stage, "title": st.title,
                            "language": st.language}
    if st.date:
        data["date"] = str(st.date)
    if st.in_force:
        data["in_force"] = str(st.in_force)
    if st.source:
        data["source"] = _Flow(st.source)
    data["history"] = list(st.history)
    data["divisions"] = [_Flow(id=d.id, kind=d.kind, number=d.number, heading=d.heading,
                               title=d.title, **({"lines": list(d.lines)} if d.lines else {}))
                         for d in st.divisions]
    data["articles"] = [
        {"number": a.number.to_json(), "label": a.label, "division": a.division,
         "text": _Block(a.text)} for a in st.articles]
    if st.stray_lines:
        data["stray_lines"] = list(st.stray_lines)
    if st.footnotes:
        data["footnotes"] = [_Flow(f) for f in st.footnotes]
    if st.note:
        data["note"] = list(st.note)
    return data


def stage_to_yaml(st: Stage) -> str:
    return dump_yaml(stage_to_data(st))


def _need(mapping: dict, key: str, where, types: type | tuple = str) -> Any:
    """``mapping[key]`` of the right type; ``where`` (text, or a function making
    it, called only on error) says where in the file."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise RedlineError(f"{where() if callable(where) else where}: missing key {key!r}")
    value = mapping[key]
    if not isinstance(value, types):
        raise RedlineError(f"{where() if callable(where) else where}: {key!r} should be "
                           f"{getattr(types, '__name__', types)}, not {type(value).__name__}")
    return value


def _malformed(e: yaml.YAMLError, name: str) -> RedlineError:
    mark = getattr(e, "problem_mark", None)
    where = f"{name}:{mark.line + 1}" if mark else name
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    return RedlineError(f"{where}: malformed YAML: {problem}")


def load_yaml_text(text: str, name: str) -> Any:
    """The YAML's data; a key given twice in one mapping is an error (YAML would
    keep the last silently, and an edit made to the first would be lost)."""
    # Composed first: a key given twice, an alias that contains itself or one that
    # expands past any real file is refused before anything is built from it.
    compose_yaml_text(text, name)
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as e:
        raise _malformed(e, name) from None
    return data


#: Nodes a YAML file may expand to once its aliases are followed: the Civil Code's
#: stage file has about 30,000; an alias bomb has billions.
MAX_EXPANDED_NODES = 2_000_000


def _expanded_size(node: yaml.Node | None, name: str) -> int:
    """How many nodes the YAML is once every alias is followed; an alias inside
    the node it names (history: &h [*h]) is an error, as it would never end.

    >>> compose_yaml_text("history: &h [*h]\\n", "x.yaml")
    Traceback (most recent call last):
    redline.errors.RedlineError: x.yaml:1: an alias refers to a node that contains it (a YAML cycle)
    """
    if node is None:
        return 0
    size: dict[int, int] = {}
    state: dict[int, int] = {}  # 1 while a node's children are being counted, 2 when done
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        n, children_done = stack.pop()
        key = id(n)
        kids: list = []
        if isinstance(n, yaml.MappingNode):
            kids = [x for pair in n.value for x in pair]
        elif isinstance(n, yaml.SequenceNode):
            kids = list(n.value)
        if children_done:
            size[key] = 1 + sum(size[id(k)] for k in kids)
            state[key] = 2
            if size[key] > MAX_EXPANDED_NODES:
                raise RedlineError(f"{name}:{n.start_mark.line + 1}: aliases expand past "
                                   f"{MAX_EXPANDED_NODES:,} nodes (an alias bomb?)")
            continue
        if state.get(key) == 2:
            continue
        if state.get(key) == 1:
            raise RedlineError(f"{name}:{n.start_mark.line + 1}: an alias refers to a node that "
                               "contains it (a YAML cycle)")
        state[key] = 1
        stack.append((n, True))
        for k in kids:
            if state.get(id(k)) == 1:
                raise RedlineError(f"{name}:{k.start_mark.line + 1}: an alias refers to a node "
                                   "that contains it (a YAML cycle)")
            if state.get(id(k)) != 2:
                stack.append((k, False))
    return size[id(node)]


def _no_duplicate_keys(node: yaml.Node | None, name: str) -> None:
    """
    >>> load_yaml_text("law: a\\nstage: b\\nlaw: c\\n", "x.yaml")
    Traceback (most recent call last):
    redline.errors.RedlineError: x.yaml:3: key 'law' appears twice in one mapping (first on line 1)
    """
    stack = [node]
    seen_nodes: set[int] = set()  # a node an alias repeats is checked once
    while stack:
        n = stack.pop()
        if id(n) in seen_nodes:
            continue
        seen_nodes.add(id(n))
        if isinstance(n, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        raise RedlineError(f"{name}:{k.start_mark.line + 1}: key {k.value!r} appears "
                                           f"twice in one mapping (first on line {seen[k.value]})")
                    seen[k.value] = k.start_mark.line + 1
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def compose_yaml_text(text: str, name: str) -> yaml.Node | None:
    """The YAML as nodes, which know their line numbers."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as e:
        raise _malformed(e, name) from None
    _expanded_size(node, name)
    _no_duplicate_keys(node, name)
    return node


def item_lines(text: str, key: str) -> list[int]:
    """Line (1-based) where each item of the top-level list ``key`` starts.

    For messages only: composing the YAML again costs little next to a mistake.

    >>> item_lines("law: x\\narticles:\\n- number: 1\\n- number: 2\\n", "articles")
    [3, 4]
    """
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if k.value == key and isinstance(v, yaml.SequenceNode):
            return [node.start_mark.line + 1 for node in v.value]
    return []


#: The keys a stage file may have; any other is a mistake, reported, not ignored.
STAGE_KEYS = ("law", "stage", "title", "language", "date", "in_force", "source", "history",
              "divisions", "articles", "stray_lines", "footnotes", "note")
DIVISION_KEYS = ("id", "kind", "number", "heading", "title", "lines")
ARTICLE_KEYS = ("number", "label", "division", "text")


def _known(mapping: Any, keys: tuple[str, ...], where) -> None:
    if not isinstance(mapping, dict):
        return
    unknown = sorted(str(k) for k in mapping if k not in keys)
    if unknown:
        place = where() if callable(where) else where
        raise RedlineError(f"{place}: unknown keys {unknown} (a stage file has {', '.join(keys)})")


def _list(mapping: dict, key: str, where, kind: type = str) -> list:
    """A list of ``kind`` under ``key`` (none: empty); anything else is an error.

    >>> _list({"history": 5}, "history", "x.yaml")
    Traceback (most recent call last):
    redline.errors.RedlineError: x.yaml: 'history' must be a list of str, not int
    """
    value = mapping.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, kind) for x in value):
        place = where() if callable(where) else where
        got = type(value).__name__ if not isinstance(value, list) else "a list holding other things"
        raise RedlineError(f"{place}: {key!r} must be a list of {kind.__name__}, not {got}")
    return list(value)


def _lines(mapping: dict, key: str, where) -> list[str]:
    return _list(mapping, key, where, str)


def _mapping(mapping: dict, key: str, where) -> dict | None:
    value = mapping.get(key)
    if value is not None and not isinstance(value, dict):
        raise RedlineError(f"{where}: {key!r} must be a mapping, not {type(value).__name__}")
    return value


def data_to_stage(data: Any, name: str, text: str = "") -> Stage:
    """A stage from loaded YAML; ``text`` (the file's) puts line numbers in errors."""
    lines: dict[str, list[int]] = {}

    def at(section: str, i: int) -> str:
        if text and section not in lines:
            lines[section] = item_lines(text, section)
        found = lines.get(section) or []
        return f"{name}:{found[i]}: {section}[{i}]" if i < len(found) else f"{name}: {section}[{i}]"

    if not isinstance(data, dict):
        raise RedlineError(f"{name}: not a stage file (expected a mapping with 'articles')")
    _known(data, STAGE_KEYS, name)
    st = Stage(law=str(_need(data, "law", name)), stage=str(_need(data, "stage", name)),
               title=str(data.get("title") or ""), language=str(data.get("language") or "zh"),
               date=str(data["date"]) if data.get("date") else None,
               in_force=str(data["in_force"]) if data.get("in_force") else None,
               source=_mapping(data, "source", name), history=_lines(data, "history", name),
               stray_lines=_lines(data, "stray_lines", name),
               footnotes=[dict(f) for f in _list(data, "footnotes", name, dict)],
               note=_lines(data, "note", name))
    for i, d in enumerate(_list(data, "divisions", name, dict)):
        where = lambda i=i: at("divisions", i)  # noqa: E731 - evaluated only on error
        _known(d, DIVISION_KEYS, where)
        st.divisions.append(Division(_need(d, "id", where), _need(d, "kind", where),
                                     _need(d, "number", where, int), _need(d, "heading", where),
                                     str(d.get("title") or ""), _lines(d, "lines", where)))
    articles = _need(data, "articles", name, list)
    if not articles:
        raise RedlineError(f"{name}: no articles")
    seen: set[ArticleNumber] = set()
    for i, a in enumerate(articles):
        where = lambda i=i: at("articles", i)  # noqa: E731 - evaluated only on error
        _known(a, ARTICLE_KEYS, where)
        raw_number = _need(a, "number", where, (int, str))
        try:
            number = ArticleNumber.from_json(raw_number)
        except ValueError as e:
            raise RedlineError(f"{where()}: {e}") from None
        if number in seen:
            raise RedlineError(f"{where()}: article number {number} appears twice")
        seen.add(number)
        body = _need(a, "text", where)
        division = a.get("division")
        if division is not None and not isinstance(division, str):
            raise RedlineError(f"{where()}: 'division' must be a division id, not "
                               f"{type(division).__name__}")
        st.articles.append(Article(number, str(_need(a, "label", where)), division,
                                   [ln.strip() for ln in body.splitlines() if ln.strip()]))
    return st


def load_stage_yaml(path: Path) -> Stage:
    from . import read_source

    text, _ = read_source(path)
    return data_to_stage(load_yaml_text(text, str(path)), str(path), text)
