"""Read the values a page's scripts write literally: object and array literals, strings, numbers, and the
variables they are assigned to. No JavaScript is run.

List pages keep their API parameters (``$.ajax({url: "...", data: {...}})``, ``queryData="{'webId':…}"``),
their pager counts (``var countPage = 67``) and sometimes their rows (``var list = [{title:…, url:…}]``)
as literals. JSON is too strict for them (unquoted keys, single quotes, trailing commas, comments), so
this is a small tolerant reader. Anything that is not a literal (a call, an expression) is kept as a
``JsExpr`` holding its source text; a bare variable name is a ``JsName`` that ``resolve`` can look up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from crawler import rx


class JsName(str):
    """A variable (or property path) where a literal was expected: ``pageNo: pagerIndex``."""


class JsExpr(str):
    """Source text of an expression that is no literal: ``JSON.stringify(params)``, ``a + b * 2``."""


class JsConcat(JsExpr):
    """A ``+`` join with variables in it (``purl + "_2.html"``): its parts, for ``resolve`` to fold."""

    parts: tuple[Any, ...]

    def __new__(cls, parts: list[Any]) -> JsConcat:
        text = "+".join(str(p) if not isinstance(p, str) else repr(p) for p in parts)
        made = super().__new__(cls, text)
        made.parts = tuple(parts)
        return made


KEY = rx.compile(r"[\w$]+")
IDENT = rx.compile(r"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*")
NUMBER = rx.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
SPACE = rx.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/|<!--|-->)*", re.S)
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
KEYWORDS = {"true": True, "false": False, "null": None, "undefined": None}
# Past this many nested literals the text is not data a page wrote by hand.
MAX_DEPTH = 40


class _Stop(Exception):
    pass


def _skip(text: str, pos: int) -> int:
    match = SPACE.match(text, pos)
    return match.end() if match else pos


STRINGS = {
    '"': rx.compile(r'"((?:\\.|[^"\\\n])*)"', re.S),
    "'": rx.compile(r"'((?:\\.|[^'\\\n])*)'", re.S),
    "`": rx.compile(r"`((?:\\.|[^`\\])*)`", re.S),
}
ESCAPE = rx.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)", re.S)


def unescape(body: str) -> str:
    """A string literal's body as the string it stands for (``\\u4e2d`` → 中, ``\\"`` → ``"``)."""
    if "\\" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        code = match[1]
        if len(code) > 1 and code[0] in "ux":
            return chr(int(code[1:], 16))
        return "" if code == "\n" else ESCAPES.get(code, code)

    return ESCAPE.sub(one, body)


def _string(text: str, pos: int) -> tuple[str, int]:
    match = STRINGS[text[pos]].match(text, pos)
    if not match:
        raise _Stop
    return unescape(match[1]), match.end()


def _balanced(text: str, pos: int) -> int:
    """The end of a bracketed or parenthesised expression starting at ``pos`` (strings skipped)."""
    depth = 0
    i = pos
    while i < len(text):
        ch = text[i]
        if ch in "\"'`":
            try:
                _, i = _string(text, i)
            except _Stop:  # a quote in a regex literal or a comment: not a string
                i += 1
            continue
        if ch == "/" and text[i + 1 : i + 2] in ("/", "*"):
            end = text.find("\n" if text[i + 1] == "/" else "*/", i + 2)
            i = len(text) if end < 0 else end + 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise _Stop


def _operand(text: str, pos: int, depth: int) -> tuple[Any, int]:
    if depth > MAX_DEPTH:
        raise _Stop
    pos = _skip(text, pos)
    if pos >= len(text):
        raise _Stop
    ch = text[pos]
    if ch == "{":
        return _object(text, pos, depth)
    if ch == "[":
        return _array(text, pos, depth)
    if ch in "\"'`":
        return _string(text, pos)
    number = NUMBER.match(text, pos)
    if number and (ch.isdigit() or ch in "-."):
        raw = number.group()
        value: Any = float(raw) if any(c in raw for c in ".eE") else int(raw)
        return value, number.end()
    ident = IDENT.match(text, pos)
    if ident:
        name = re.sub(r"\s+", "", ident.group())
        end = ident.end()
        if name in KEYWORDS:
            return KEYWORDS[name], end
        if name == "function":  # a callback: kept as text, the reader never needs its body
            body = text.find("{", end)
            if body < 0:
                raise _Stop
            close = _balanced(text, body)
            return JsExpr(text[pos:close]), close
        after = _skip(text, end)
        if text.startswith("=>", after):
            return _arrow(text, pos, after + 2)
        if name == "new":
            value, close = _operand(text, end, depth + 1)
            return JsExpr(text[pos:close]), close
        if after < len(text) and text[after] in "([":
            close = _balanced(text, after)
            return JsExpr(text[pos:close]), close
        return JsName(name), end
    if ch == "(":
        close = _balanced(text, pos)
        after = _skip(text, close)
        if text.startswith("=>", after):
            return _arrow(text, pos, after + 2)
        return JsExpr(text[pos:close]), close
    raise _Stop


def _arrow(text: str, start: int, body: int) -> tuple[JsExpr, int]:
    """An arrow function, kept as text: its block, or its expression up to the next ``,`` or closer."""
    body = _skip(text, body)
    if body < len(text) and text[body] == "{":
        close = _balanced(text, body)
        return JsExpr(text[start:close]), close
    depth = 0
    i = body
    while i < len(text):
        ch = text[i]
        if ch in "\"'`":
            _, i = _string(text, i)
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            break
        i += 1
    return JsExpr(text[start:i]), i


def _value(text: str, pos: int, depth: int = 0) -> tuple[Any, int]:
    """A value, with ``+`` joins folded when every part is a literal string or number."""
    value, pos = _operand(text, pos, depth)
    parts = [value]
    while True:
        after = _skip(text, pos)
        if after < len(text) and text[after] == "+" and text[after : after + 2] != "++":
            part, pos = _operand(text, after + 1, depth)
            parts.append(part)
            continue
        break
    if len(parts) == 1:
        return value, pos
    folded = _fold(parts)
    return (folded if folded is not None else JsConcat(parts)), pos


def _fold(parts: list[Any] | tuple[Any, ...]) -> str | None:
    """A ``+`` join of literal strings and numbers, joined; None when a part is no literal."""
    if all((isinstance(p, str) and not isinstance(p, JsName | JsExpr)) or isinstance(p, int | float) for p in parts):
        return "".join(str(p) for p in parts)
    return None


def _sequence(text: str, pos: int, close: str, item: Callable[[int], int]) -> int:
    """Read comma-separated items up to ``close`` (trailing comma allowed); ``item`` reads one and says
    where it ended. Returns the position after ``close``."""
    pos += 1
    while True:
        pos = _skip(text, pos)
        if pos >= len(text):
            raise _Stop
        if text[pos] == close:
            return pos + 1
        pos = _skip(text, item(pos))
        if pos < len(text) and text[pos] == ",":
            pos += 1
        elif pos >= len(text) or text[pos] != close:
            raise _Stop


def _object(text: str, pos: int, depth: int) -> tuple[dict[str, Any], int]:
    out: dict[str, Any] = {}

    def member(at: int) -> int:
        if text[at] in "\"'":
            key, at = _string(text, at)
        else:
            match = KEY.match(text, at)
            if not match:
                raise _Stop
            key, at = match.group(), match.end()
        at = _skip(text, at)
        if at < len(text) and text[at] in ",}":  # shorthand {a, b}
            out[key] = JsName(key)
            return at
        if at >= len(text) or text[at] != ":":
            raise _Stop
        out[key], at = _value(text, at + 1, depth + 1)
        return at

    return out, _sequence(text, pos, "}", member)


def _array(text: str, pos: int, depth: int) -> tuple[list[Any], int]:
    out: list[Any] = []

    def element(at: int) -> int:
        value, at = _value(text, at, depth + 1)
        out.append(value)
        return at

    return out, _sequence(text, pos, "]", element)


def parse_value(text: str, pos: int = 0) -> tuple[Any, int] | None:
    """The literal starting at ``pos`` and where it ends, or None when there is none."""
    try:
        return _value(text, pos)
    except (_Stop, RecursionError, ValueError):
        return None


def parse_literal(text: str) -> Any:
    """A whole text as one literal (``queryData`` attributes, JSON-ish config), or None."""
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    found = parse_value(text)
    return found[0] if found and not text[_skip(text, found[1]) :].strip(";") else None


ASSIGNMENT = rx.compile(r"(?:\b(?:var|let|const)\s+)?(?<![\w$.])([A-Za-z_$][\w$]*)\s*=(?![=>])")


def assignments(script: str) -> Iterator[tuple[str, Any]]:
    """Every ``name = literal`` (``var``/``let``/``const`` or not) in a script, in order."""
    for match in ASSIGNMENT.finditer(script):
        found = parse_value(script, match.end())
        if found is not None:
            yield match[1], found[0]


FUNCTION_BODY = rx.compile(r"\bfunction\b[^{;]*\{|=>\s*\{")
DECLARED = rx.compile(r"\b(?:var|let)\s+([A-Za-z_$][\w$]*)\s*(?=[;,\n]|$)")
MISSING = object()


def _split_bodies(script: str) -> tuple[str, str]:
    """The script's top level (function bodies blanked) and the text of its function bodies."""
    top: list[str] = []
    inner: list[str] = []
    pos = 0
    while True:
        match = FUNCTION_BODY.search(script, pos)
        if not match:
            break
        open_at = match.end() - 1
        try:
            close = _balanced(script, open_at)
        except (_Stop, RecursionError):
            break
        top.append(script[pos : open_at + 1] + "}")
        inner.append(script[open_at + 1 : close - 1])
        pos = close
    top.append(script[pos:])
    return "".join(top), "\n;\n".join(inner)


def variables(scripts: list[str]) -> dict[str, Any]:
    """The literal each variable holds as the page loads: its first top-level assignment. A variable only
    assigned inside functions (``params = {…}`` in an ``initParams()``) takes its first such value, unless
    the top level declares it without one (``var id;`` stays unknown: later handlers set it)."""
    env: dict[str, Any] = {}
    declared: set[str] = set()
    inner_env: dict[str, Any] = {}
    for script in scripts:
        top, inner = _split_bodies(script)
        for name, value in assignments(top):
            if not isinstance(value, JsExpr):
                env.setdefault(name, value)
        declared.update(DECLARED.findall(top))
        for name, value in assignments(inner):
            if not isinstance(value, JsExpr):
                inner_env.setdefault(name, value)
    for name, value in inner_env.items():
        if name not in env and name not in declared:
            env[name] = value
    return env


def resolve(value: Any, env: dict[str, Any], depth: int = 0) -> Any:
    """``value`` with its variable names replaced by the literals the page assigned them."""
    if depth > 8:
        return value
    if isinstance(value, JsName):
        found = env.get(str(value), env.get(str(value).rsplit(".", 1)[-1], MISSING))
        if found is MISSING or isinstance(found, JsName):
            return value
        return resolve(found, env, depth + 1)
    if isinstance(value, JsConcat):
        folded = _fold([resolve(p, env, depth + 1) for p in value.parts])
        return folded if folded is not None else value
    if isinstance(value, dict):
        return {k: resolve(v, env, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, env, depth + 1) for v in value]
    return value


def string_literals(script: str) -> Iterator[str]:
    """Every quoted string of a script, unescaped, in order (comments skipped)."""
    i = 0
    n = len(script)
    while i < n:
        ch = script[i]
        if ch == "/" and i + 1 < n and script[i + 1] in "/*":
            end = script.find("\n" if script[i + 1] == "/" else "*/", i + 2)
            i = n if end < 0 else end + (1 if script[i + 1] == "/" else 2)
            continue
        if ch in "\"'`":
            try:
                value, i = _string(script, i)
            except _Stop:
                i += 1
                continue
            yield value
            continue
        i += 1


def call_arguments(text: str, open_paren: int) -> list[Any] | None:
    """The literal arguments of the call whose ``(`` is at ``open_paren`` (non-literals as JsName/JsExpr)."""
    args: list[Any] = []
    pos = _skip(text, open_paren + 1)
    if pos < len(text) and text[pos] == ")":
        return args
    while pos < len(text):
        try:
            value, pos = _value(text, pos)
        except (_Stop, RecursionError, ValueError):
            return None
        args.append(value)
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == ")":
            return args
        return None
    return None
