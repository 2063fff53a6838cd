#!/usr/bin/env python3
"""Mutant generator for ci/mutants.sh (Python 3, standard library only).

Reads the C++ files named in ci/mutants-files.txt and makes single-decision
changes to their code (never to comments, string or character literals, or
preprocessor lines). Each mutant has a stable id, file:operator:hash, where
the hash covers the file, the text of the mutated line, the operator, the
change and its ordinal among identical changes on identical lines: moving a
line, or editing other lines, keeps the id, so ci/mutants-equivalent.txt
survives unrelated edits.

Subcommands (ci/mutants.sh drives them; `selftest` checks the operators):
  list ROOT FILES_TXT [--file PAT] [--id ID ...] [--max N] [--seed S]
      one mutant per line: id TAB file TAB line TAB operator TAB change
  targets ROOT FILES_TXT FILE      the test targets listed for FILE
  apply ROOT ID                    writes the mutant into ROOT's copy of its file
  sync SRC DST                     copies SRC's files (git ls-files) into DST,
                                   only those that differ, with a fresh mtime
  selftest                         each operator on a small sample
"""

import hashlib
import os
import random
import re
import shutil
import subprocess
import sys

OPERATORS = ("rel", "logic", "drop-or", "negate", "early-return", "const", "drop-add")


def code_mask(text):
    """A list of booleans: True where text[i] is code (not a comment, a
    string or character literal, or a preprocessor line)."""
    mask = [True] * len(text)
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            i += 1
            continue
        if line_start and c == "#":
            # A preprocessor line, with its continuations.
            j = i
            while j < n:
                if text[j] == "\n" and text[j - 1] != "\\":
                    break
                j += 1
            for k in range(i, j):
                mask[k] = False
            i = j
            continue
        line_start = False
        if c == "\n":
            line_start = True
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                mask[k] = False
            i = j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                mask[k] = False
            i = j
            continue
        m = re.match(r'R"([^(]*)\(', text[i:i + 20]) if c == "R" and (
            i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) else None
        if m:
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            for k in range(i, j):
                mask[k] = False
            i = j
            continue
        if c in "\"'":
            # A digit separator (1'000) is not a character literal.
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            for k in range(i, j):
                mask[k] = False
            i = j
            continue
        i += 1
    return mask


class Mutant:
    def __init__(self, path, start, end, replacement, operator, text):
        self.path = path  # relative to the root, with '/'
        self.start, self.end = start, end  # the span of text replaced
        self.replacement = replacement
        self.operator = operator
        self.line = text.count("\n", 0, start) + 1
        line_begin = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        self.line_text = text[line_begin:line_end if line_end >= 0 else len(text)].strip()
        before = " ".join(text[start:end].split())
        after = " ".join(replacement.split())
        self.change = f"{before or '(start)'} -> {after or '(removed)'}"
        self.id = ""

    def key(self):
        return "\0".join((self.path, self.line_text, self.operator, self.change))


def is_ident(c):
    return c.isalnum() or c == "_"


def match_paren(text, mask, open_at):
    """The index of the bracket closing the one at open_at (code only)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[text[open_at]]]
    i = open_at + 1
    while i < len(text):
        if mask[i]:
            c = text[i]
            if c in pairs:
                stack.append(pairs[c])
            elif c in ")]}":
                if c != stack[-1]:
                    return -1
                stack.pop()
                if not stack:
                    return i
        i += 1
    return -1


def op_rel(path, text, mask):
    # clang-format spaces binary operators; template brackets, <<, >> and ->
    # have no space on both sides.
    swaps = {" < ": " <= ", " <= ": " < ", " > ": " >= ", " >= ": " > "}
    for m in re.finditer(r" (<=|>=|<|>) ", text):
        if all(mask[m.start():m.end()]):
            yield Mutant(path, m.start(), m.end(), swaps[m.group(0)], "rel", text)


def op_logic(path, text, mask):
    for m in re.finditer(r" (&&|\|\|) ", text):
        if all(mask[m.start():m.end()]):
            other = " || " if m.group(1) == "&&" else " && "
            yield Mutant(path, m.start(), m.end(), other, "logic", text)


def operand_end(text, mask, i):
    """From i, the end of an operand of || (stops at ||, ?, :, ;, ',' or a
    closing bracket at depth 0)."""
    depth = 0
    while i < len(text):
        if mask[i]:
            c = text[i]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    return i
                depth -= 1
            elif depth == 0 and (c in ";,?" or text.startswith("||", i)):
                return i
            elif depth == 0 and c == ":" and text[i + 1] != ":" and text[i - 1] != ":":
                return i
        i += 1
    return i


def operand_start(text, mask, i):
    """Back from i (exclusive), the start of an operand of ||."""
    depth = 0
    j = i - 1
    while j >= 0:
        if mask[j]:
            c = text[j]
            if c in ")]}":
                depth += 1
            elif c in "([{":
                if depth == 0:
                    return j + 1
                depth -= 1
            elif depth == 0 and (c in ";,?" or text.startswith("||", j - 1)):
                return j + 1
            elif depth == 0 and c == "=" and text[j - 1] not in "=!<>" and text[j + 1] != "=":
                return j + 1  # an assignment, not a comparison
            elif depth == 0 and c == ":" and text[j - 1] != ":" and text[j + 1] != ":":
                return j + 1
            elif depth == 0 and re.match(r"return\b", text[j:j + 7]) and (j == 0 or not is_ident(text[j - 1])):
                return j + 6
        j -= 1
    return 0


def op_drop_or(path, text, mask):
    for m in re.finditer(r"\|\|", text):
        if not all(mask[m.start():m.end()]):
            continue
        # Drop the right operand: " || rhs".
        end = operand_end(text, mask, m.end())
        left = m.start()
        while left > 0 and text[left - 1] in " \t\n":
            left -= 1
        if end > m.end():
            yield Mutant(path, left, end, "", "drop-or", text)
        # Drop the left operand: "lhs || ".
        start = operand_start(text, mask, m.start())
        while start < m.start() and text[start] in " \t\n":
            start += 1
        right = m.end()
        while right < len(text) and text[right] in " \t\n":
            right += 1
        if start < m.start():
            yield Mutant(path, start, right, "", "drop-or", text)


DECLARATION_RE = re.compile(r"\s*(const\s+)?[\w:<>]+[\s*&]+\w+\s*=[^=]")


def op_negate(path, text, mask):
    for m in re.finditer(r"\b(if|while) \(", text):
        if not all(mask[m.start():m.end()]):
            continue
        if m.start() > 0 and is_ident(text[m.start() - 1]):
            continue
        open_at = m.end() - 1
        close = match_paren(text, mask, open_at)
        if close < 0:
            continue
        cond = text[open_at + 1:close]
        if ";" in cond or DECLARATION_RE.match(cond):  # if (init; cond), if (auto x = ...)
            continue
        yield Mutant(path, open_at + 1, close, "!(" + cond + ")", "negate", text)


# A function definition at namespace scope: starts at column 0, ends its
# signature with "{" at the end of a line.
FUNCTION_RE = re.compile(
    r"^(?!namespace|struct|class|enum|using|template|static_assert|constexpr [A-Za-z_:<>]+ k|\}|#|//)"
    r"([A-Za-z_][^;{}=]*?)\(([^;{}]*)\)\s*(const\s*)?\{[ \t]*$",
    re.M)


def no_finding_return(return_type):
    t = " ".join(return_type.replace("inline ", "").replace("static ", "").split())
    if t == "void":
        return "return;"
    if t.startswith("std::optional<"):
        return "return std::nullopt;"
    if t in ("std::string", "std::string_view") or t.startswith("std::vector<"):
        return "return {};"
    return None


def op_early_return(path, text, mask):
    for m in FUNCTION_RE.finditer(text):
        if not mask[m.start()]:
            continue
        head = m.group(1).strip()
        # "Type name" or "Type Class::name": the return type is all but the last word.
        parts = head.rsplit(None, 1)
        if len(parts) != 2:
            continue
        ret = no_finding_return(parts[0])
        if ret is None:
            continue
        brace = m.end()
        while text[brace - 1] != "{":
            brace -= 1
        yield Mutant(path, brace, brace, " " + ret, "early-return", text)


def op_const(path, text, mask):
    for m in re.finditer(r"(?<![A-Za-z0-9_.'])(0[xX][0-9A-Fa-f]+|\d+)(?![A-Za-z0-9_.'])", text):
        if not all(mask[m.start():m.end()]):
            continue
        # Not array sizes in declarations, nor the index of a [N] subscript? Keep both:
        # an off-by-one there either fails to build or changes behaviour.
        lit = m.group(1)
        value = int(lit, 16) if lit.lower().startswith("0x") else int(lit)
        fmt = (lambda v: f"0x{v:X}") if lit.lower().startswith("0x") else str
        yield Mutant(path, m.start(), m.end(), fmt(value + 1), "const", text)
        if value > 0:
            yield Mutant(path, m.start(), m.end(), fmt(value - 1), "const", text)


def op_drop_add(path, text, mask):
    """Removes a statement that adds to a list: `x.push_back(...);`,
    `x.emplace_back(...);` or `add(...);` (the finding lists of the checks)."""
    for m in re.finditer(r"(?:\b[A-Za-z_][A-Za-z0-9_>.\-]*\.(?:push_back|emplace_back)|\badd)\(", text):
        if not all(mask[m.start():m.end()]):
            continue
        close = match_paren(text, mask, m.end() - 1)
        if close < 0 or close + 1 >= len(text) or text[close + 1] != ";":
            continue
        yield Mutant(path, m.start(), close + 1, "static_cast<void>(0)", "drop-add", text)


OPERATOR_FUNCS = {
    "rel": op_rel,
    "logic": op_logic,
    "drop-or": op_drop_or,
    "negate": op_negate,
    "early-return": op_early_return,
    "const": op_const,
    "drop-add": op_drop_add,
}


def mutants_of(path, text):
    mask = code_mask(text)
    found = []
    for name in OPERATORS:
        found.extend(OPERATOR_FUNCS[name](path, text, mask))
    found.sort(key=lambda mu: (mu.start, OPERATORS.index(mu.operator), mu.end, mu.replacement))
    seen = {}
    for mu in found:
        key = mu.key()
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha1(f"{key}\0{seen[key]}".encode()).hexdigest()[:8]
        mu.id = f"{mu.path}:{mu.operator}:{digest}"
    return found


def read_files_txt(files_txt):
    """[(path, [targets])] from ci/mutants-files.txt."""
    entries = []
    with open(files_txt, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                words = line.split()
                entries.append((words[0], words[1:]))
    return entries


def all_mutants(root, files_txt, pattern=None):
    out = []
    for path, _ in read_files_txt(files_txt):
        if pattern and not re.search(pattern, path):
            continue
        with open(os.path.join(root, path), encoding="utf-8") as f:
            out.extend(mutants_of(path, f.read()))
    return out


def cmd_list(args):
    root, files_txt = args[0], args[1]
    pattern, ids, max_n, seed = None, [], None, None
    rest = args[2:]
    while rest:
        opt, value, rest = rest[0], rest[1], rest[2:]
        if opt == "--file":
            pattern = value
        elif opt == "--id":
            ids.append(value)
        elif opt == "--max":
            max_n = int(value)
        elif opt == "--seed":
            seed = value
        else:
            sys.exit(f"mutants.py list: unknown option {opt}")
    mutants = all_mutants(root, files_txt, pattern)
    if ids:
        by_id = {mu.id: mu for mu in mutants}
        missing = [i for i in ids if i not in by_id]
        if missing:
            sys.exit("mutants.py: no such mutant: " + ", ".join(missing))
        mutants = [by_id[i] for i in ids]
    if max_n is not None and max_n < len(mutants):
        if seed is not None:
            picked = set(random.Random(seed).sample(range(len(mutants)), max_n))
            mutants = [mu for i, mu in enumerate(mutants) if i in picked]
        else:
            mutants = mutants[:max_n]
    for mu in mutants:
        print(f"{mu.id}\t{mu.path}\t{mu.line}\t{mu.operator}\t{mu.change}")


def cmd_targets(args):
    root, files_txt, path = args
    for p, targets in read_files_txt(files_txt):
        if p == path:
            print(" ".join(targets))
            return
    sys.exit(f"mutants.py: {path} is not in {files_txt}")


def cmd_apply(args):
    root, mutant_id = args
    path = mutant_id.split(":", 1)[0]
    full = os.path.join(root, path)
    with open(full, encoding="utf-8") as f:
        text = f.read()
    for mu in mutants_of(path, text):
        if mu.id == mutant_id:
            with open(full, "w", encoding="utf-8") as f:
                f.write(text[:mu.start] + mu.replacement + text[mu.end:])
            return
    sys.exit(f"mutants.py: no such mutant: {mutant_id}")


def cmd_sync(args):
    src, dst = args
    names = subprocess.run(["git", "-C", src, "ls-files", "-co", "--exclude-standard", "-z"],
                           check=True, capture_output=True).stdout.decode().split("\0")
    copied = 0
    for name in filter(None, names):
        s, d = os.path.join(src, name), os.path.join(dst, name)
        if not os.path.isfile(s) or os.path.islink(s):
            continue
        with open(s, "rb") as f:
            data = f.read()
        if os.path.isfile(d):
            with open(d, "rb") as f:
                if f.read() == data:
                    continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        # A fresh mtime (no copystat): ninja must see the file as changed.
        with open(d, "wb") as f:
            f.write(data)
        shutil.copymode(s, d)
        copied += 1
    print(f"synced {copied} files into {dst}")


SELFTEST_SAMPLE = """\
// a comment: if (a < b) out.push_back(x);
#include <vector>
std::optional<Finding> check(int status, const std::vector<int>& accepted) {
  if (status < 200 || status >= 300 && ok) return std::nullopt;
  bool bad = c == nullptr || c->empty();
  if (auto f = find(x)) out.push_back(*f);
  const char* s = "a < b || c";
  out.push_back(make_finding(FindingId::kX, "x"));
  return 0x7F;
}
"""

SELFTEST_EXPECTED = {
    ("rel", "< -> <="),
    ("rel", ">= -> >"),
    ("logic", "|| -> &&"),
    ("logic", "&& -> ||"),
    ("drop-or", "|| status >= 300 && ok -> (removed)"),
    ("drop-or", "status < 200 || -> (removed)"),
    ("drop-or", "c == nullptr || -> (removed)"),
    ("drop-or", "|| c->empty() -> (removed)"),

    ("negate", "status < 200 || status >= 300 && ok -> !(status < 200 || status >= 300 && ok)"),
    ("early-return", "(start) -> return std::nullopt;"),
    ("const", "200 -> 201"),
    ("const", "200 -> 199"),
    ("const", "300 -> 301"),
    ("const", "300 -> 299"),
    ("const", "0x7F -> 0x80"),
    ("const", "0x7F -> 0x7E"),
    ("drop-add", 'out.push_back(make_finding(FindingId::kX, "x")) -> static_cast<void>(0)'),
    ("drop-add", "out.push_back(*f) -> static_cast<void>(0)"),
}


def cmd_selftest(_args):
    mutants = mutants_of("sample.cc", SELFTEST_SAMPLE)
    got = {(mu.operator, mu.change) for mu in mutants}
    failures = []
    for want in sorted(SELFTEST_EXPECTED - got):
        failures.append(f"missing {want}")
    for extra in sorted(got - SELFTEST_EXPECTED):
        failures.append(f"unexpected {extra}")
    # Comments, strings and the #include line are never mutated.
    for mu in mutants:
        if mu.line in (1, 2, 7):
            failures.append(f"mutated line {mu.line}: {mu.change}")
    # Ids are stable: the same text moved down two lines keeps its ids.
    moved = mutants_of("sample.cc", "\n\n" + SELFTEST_SAMPLE)
    if sorted(mu.id for mu in moved) != sorted(mu.id for mu in mutants):
        failures.append("ids changed when the lines moved")
    if len({mu.id for mu in mutants}) != len(mutants):
        failures.append("two mutants share an id")
    # apply writes exactly the change.
    mu = next(m for m in mutants if m.operator == "negate")
    applied = SELFTEST_SAMPLE[:mu.start] + mu.replacement + SELFTEST_SAMPLE[mu.end:]
    if "if (!(status < 200 || status >= 300 && ok)) return" not in applied:
        failures.append("negate did not wrap the condition")
    for f in failures:
        print("selftest: " + f)
    print(f"selftest: {len(mutants)} mutants, {len(failures)} failures")
    return 1 if failures else 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    commands = {"list": cmd_list, "targets": cmd_targets, "apply": cmd_apply, "sync": cmd_sync,
                "selftest": cmd_selftest}
    if cmd not in commands:
        sys.exit(__doc__)
    sys.exit(commands[cmd](args) or 0)


if __name__ == "__main__":
    main()
