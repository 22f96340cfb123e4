"""Evaluate the small expressions a pager script builds its links with, from the values the page gives.

Pager scripts write their links by concatenation: ``"<a href=\\"" + _sPageName + "_" + (_nCurrIndex+1) +
"." + _sPageExt + "\\">下一页</a>"``, ``window.location = "Column.shtml?p5=28&p7=" + pageNo``. Knowing the
variables (``var currentPage = 0``, a call's literal arguments), the link is plain arithmetic and
concatenation. This module tokenises scripts and evaluates such expressions with JavaScript's ``+``;
anything else (a call, a DOM lookup) is unknown and the expression gives up. No code is run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from crawler import rx
from crawler.portals.jsvalues import unescape

TOKEN = rx.compile(
    r"""(?P<space>\s+)|(?P<comment>//[^\n]*|/\*.*?\*/|<!--|-->)"""
    r"""|(?P<str>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)"""
    r"""|(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_$\u4e00-\u9fff][\w$\u4e00-\u9fff]*)"""
    r"""|(?P<punct>===|!==|==|!=|<=|>=|&&|\|\||\+\+|--|\+=|-=|[-+*/%=<>!?:;,.(){}\[\]&|^~])|(?P<other>.)""",
    re.S,
)
# Functions that pass a value through (``parseInt(x)``) or read it as text.
PASS_THROUGH = {"parseInt", "parseFloat", "Number", "String", "encodeURI", "encodeURIComponent", "escape"}


class Unknown(Exception):
    """The expression depends on something no literal in the page tells."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    newline: bool = False  # a line break precedes it (JavaScript inserts semicolons there)

    @property
    def value(self) -> Any:
        if self.kind == "str":
            return unescape(self.text[1:-1])
        if self.kind == "num":
            return float(self.text) if "." in self.text else int(self.text)
        return self.text


def tokenize(script: str) -> list[Token]:
    out: list[Token] = []
    newline = False
    for match in TOKEN.finditer(script):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            newline = newline or "\n" in match.group()
            continue
        out.append(Token(kind, match.group(), newline))
        newline = False
    return out


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, str) or isinstance(b, str):
        return _text(a) + _text(b)
    return a + b


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "null" if value is None else str(value)


def _number(value: Any) -> float | int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        try:
            return float(str(value).strip())
        except ValueError:
            raise Unknown from None


class _Parser:
    def __init__(self, tokens: list[Token], env: dict[str, Any]) -> None:
        self.tokens = tokens
        self.env = env
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise Unknown
        self.i += 1
        return token

    def expr(self) -> Any:
        value = self.term()
        while (t := self.peek()) is not None and t.text in ("+", "-"):
            self.take()
            right = self.term()
            value = _add(value, right) if t.text == "+" else _number(value) - _number(right)
        return value

    def term(self) -> Any:
        value = self.factor()
        while (t := self.peek()) is not None and t.text in ("*", "/", "%"):
            self.take()
            right = _number(self.factor())
            left = _number(value)
            if t.text == "*":
                value = left * right
            elif right == 0:
                raise Unknown
            else:
                value = left / right if t.text == "/" else left % right
        return value

    def factor(self) -> Any:
        token = self.take()
        if token.kind in ("str", "num"):
            return token.value
        if token.text == "(":
            value = self.expr()
            if self.take().text != ")":
                raise Unknown
            return value
        if token.text == "-":
            return -_number(self.factor())
        if token.text == "+":
            return _number(self.factor())
        if token.kind == "name":
            if token.text in ("true", "false"):
                return token.text == "true"
            nxt = self.peek()
            if nxt is not None and nxt.text == "(" and token.text in PASS_THROUGH:
                self.take()
                value = self.expr()
                while (t := self.peek()) is not None and t.text == ",":  # parseInt(x, 10)
                    self.take()
                    self.expr()
                if self.take().text != ")":
                    raise Unknown
                return _number(value) if token.text.startswith(("parse", "Number")) else value
            if token.text not in self.env:
                raise Unknown
            return self.env[token.text]
        raise Unknown


def evaluate(tokens: list[Token], env: dict[str, Any]) -> Any:
    """The value of a whole token run (raises Unknown when it cannot be known)."""
    parser = _Parser(tokens, env)
    value = parser.expr()
    if parser.peek() is not None:
        raise Unknown
    return value


def expression_end(tokens: list[Token], start: int) -> int:
    """Where the expression starting at ``start`` ends: a ``;`` or ``,`` or closing bracket at its own
    depth, or a line break after a complete operand (where JavaScript inserts a semicolon)."""
    depth = 0
    i = start
    while i < len(tokens):
        t = tokens[i]
        if t.text in "([{" and t.kind == "punct":
            depth += 1
        elif t.text in ")]}" and t.kind == "punct":
            if depth == 0:
                return i
            depth -= 1
        elif (depth == 0 and t.text in (";", ",")) or (
            depth == 0
            and i > start
            and t.newline
            and t.kind in ("name", "num", "str")
            and (tokens[i - 1].kind in ("name", "num", "str") or tokens[i - 1].text in (")", "]"))
        ):
            return i
        i += 1
    return i


ASSIGN_OPS = ("=", "+=")


def run_assignments(tokens: list[Token], env: dict[str, Any], first_wins: bool = False) -> dict[str, Any]:
    """Walk the statements ``name = expr`` / ``name += expr`` of a token run in order, evaluating each
    against what is known so far (unknown values are dropped: the name becomes unknown)."""
    env = dict(env)
    i = 0
    while i < len(tokens) - 1:
        t, op = tokens[i], tokens[i + 1]
        prev = tokens[i - 1].text if i else ""
        if t.kind == "name" and op.text in ASSIGN_OPS and prev != ".":
            end = expression_end(tokens, i + 2)
            try:
                value = evaluate(tokens[i + 2 : end], env)
                if op.text == "+=":
                    value = _add(env[t.text], value) if t.text in env else None
                if value is not None and not (first_wins and t.text in env and op.text == "="):
                    env[t.text] = value
            except (Unknown, KeyError, TypeError, ArithmeticError):
                if not first_wins:
                    env.pop(t.text, None)
            i = end
            continue
        i += 1
    return env


@dataclass(frozen=True)
class Function:
    name: str
    params: tuple[str, ...]
    body: list[Token]


def functions(tokens: list[Token]) -> Iterator[Function]:
    """``function name(a, b) { … }`` definitions (and ``name = function(a, b) { … }``)."""
    for i, t in enumerate(tokens):
        if t.text != "function":
            continue
        j = i + 1
        name = ""
        if j < len(tokens) and tokens[j].kind == "name":
            name, j = tokens[j].text, j + 1
        elif i >= 2 and tokens[i - 1].text in ("=", ":") and tokens[i - 2].kind == "name":
            name = tokens[i - 2].text
        if not name or j >= len(tokens) or tokens[j].text != "(":
            continue
        close = _close(tokens, j)
        params = tuple(p.text for p in tokens[j + 1 : close] if p.kind == "name")
        if close + 1 < len(tokens) and tokens[close + 1].text == "{":
            end = _close(tokens, close + 1)
            yield Function(name, params, tokens[close + 2 : end])


def _close(tokens: list[Token], open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(tokens)):
        if tokens[i].kind != "punct":
            continue
        if tokens[i].text in "([{":
            depth += 1
        elif tokens[i].text in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return len(tokens)


def call_arguments(tokens: list[Token], open_at: int, env: dict[str, Any], partial: bool = False) -> list[Any] | None:
    """The values of a call's arguments (``(`` at ``open_at``), or None when one is unknown; with
    ``partial``, an unknown argument is None in the list instead."""
    close = _close(tokens, open_at)
    args: list[Any] = []
    i = open_at + 1
    while i < close:
        end = min(expression_end(tokens, i), close)
        try:
            args.append(evaluate(tokens[i:end], env))
        except (Unknown, TypeError, ArithmeticError):
            if not partial:
                return None
            args.append(None)
        i = end + 1
    return args


def calls(tokens: list[Token], name: str, env: dict[str, Any]) -> Iterator[list[Any]]:
    """The literal argument lists of every call of ``name`` (not its definition)."""
    for i, t in enumerate(tokens):
        if t.text == name and i + 1 < len(tokens) and tokens[i + 1].text == "(":
            if i and tokens[i - 1].text in ("function", "."):
                continue
            args = call_arguments(tokens, i + 1, env)
            if args is not None:
                yield args


def concatenation(tokens: list[Token], at: int) -> tuple[int, int]:
    """The ``+`` chain around the string token at ``at``: from the first operand to the last."""
    start = at
    while start >= 2 and tokens[start - 1].text == "+":
        prev = start - 2
        if tokens[prev].text == ")":
            depth = 0
            while prev >= 0:
                if tokens[prev].text == ")":
                    depth += 1
                elif tokens[prev].text == "(":
                    depth -= 1
                    if depth == 0:
                        break
                prev -= 1
            if prev > 0 and tokens[prev - 1].kind == "name" and tokens[prev - 1].text in PASS_THROUGH:
                prev -= 1
        start = max(prev, 0)
    end = at + 1
    while end + 1 < len(tokens) and tokens[end].text == "+":
        nxt = end + 1
        if tokens[nxt].text == "(" or (
            tokens[nxt].kind == "name" and nxt + 1 < len(tokens) and tokens[nxt + 1].text == "("
        ):
            nxt = _close(tokens, nxt if tokens[nxt].text == "(" else nxt + 1)
        end = nxt + 1
    return start, end
