"""A small mutation tester: does the test suite notice when the code is subtly wrong?

``python -m tests.mutation.mutate [--sample N] [--seed S] [MODULE ...]`` (``make
mutation``) makes one-site changes to a module's syntax tree (a comparison flipped or
loosened, ``and``/``or`` swapped, a ``not`` dropped, ``+``/``-`` swapped, an integer
off by one, ``True``/``False`` swapped, ``abs()`` or ``min()``/``max()`` dropped, a
``continue``/``break`` swapped), writes each mutant into a copy of the source tree,
and runs the module's tests against it (the copy comes first on PYTHONPATH; the
worktree is never touched). A mutant is killed when a test fails or runs past the time
limit; a survivor is printed with its line, to be killed by a new test or listed as
equivalent (no observable difference).

Why our own rather than mutmut or cosmic-ray: about 200 lines with no dependency and
no configuration, it mutates only what can change behaviour (never messages or
docstrings), maps each module to the tests that mirror it so a mutant costs one small
pytest run, and samples deterministically, which a shared two-core machine needs.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import attrs

ROOT = Path(__file__).parent.parent.parent
PACKAGE = ROOT / "src" / "disclosure_schema"

#: module (relative to the package) -> the tests that should notice a change in it
TESTS: dict[str, tuple[str, ...]] = {
    "rules/identities.py": ("tests/rules", "tests/test_api.py"),
    "rules/catalogue.py": ("tests/rules", "tests/test_api.py"),
    "checking.py": ("tests/test_checking.py", "tests/test_fastpath.py", "tests/test_api.py"),
    "fastpath.py": ("tests/test_fastpath.py", "tests/test_api.py"),
    "decoding.py": ("tests/test_decoding.py", "tests/test_api.py"),
    "layout.py": ("tests/test_layout.py", "tests/test_checking.py"),
    "findings.py": ("tests/test_findings.py", "tests/test_api.py"),
    "limits.py": ("tests/test_limits.py", "tests/cli/test_inputs.py"),
}
DEFAULT = ("rules/identities.py", "checking.py", "fastpath.py", "decoding.py")

_FLIP: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.Gt),
    ast.LtE: (ast.Lt, ast.GtE),
    ast.Gt: (ast.GtE, ast.Lt),
    ast.GtE: (ast.Gt, ast.LtE),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
    ast.In: (ast.NotIn,),
    ast.NotIn: (ast.In,),
    ast.Is: (ast.IsNot,),
    ast.IsNot: (ast.Is,),
}


@attrs.frozen
class Mutant:
    module: str
    index: int  # the n-th mutation site of the module, in walk order
    line: int
    what: str


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of docstring nodes: never mutated."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _sites(tree: ast.AST) -> Iterator[tuple[ast.AST, int, str]]:
    """(node, variant, description) for every mutation the tree allows."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                for j, new in enumerate(_FLIP.get(type(op), ())):
                    yield node, i * 10 + j, f"{type(op).__name__} -> {new.__name__}"
        elif isinstance(node, ast.BoolOp):
            yield node, 0, "and <-> or"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, 0, "drop not"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
            yield node, 0, "+ <-> -"
        elif isinstance(node, ast.Constant) and id(node) not in skip:
            if type(node.value) is bool:
                yield node, 0, f"{node.value} -> {not node.value}"
            elif type(node.value) is int:
                yield node, 0, f"{node.value} -> {node.value + 1}"
                yield node, 1, f"{node.value} -> {node.value - 1}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("abs", "min", "max") and len(node.args) == 1:
                yield node, 0, f"drop {node.func.id}()"
        elif isinstance(node, ast.Continue | ast.Break):
            yield node, 0, "continue <-> break"


class _Apply(ast.NodeTransformer):
    def __init__(self, target: ast.AST, variant: int) -> None:
        self.target = target
        self.variant = variant

    def visit(self, node: ast.AST) -> ast.AST:
        if node is not self.target:
            visited: ast.AST = super().visit(node)
            return visited
        v = self.variant
        if isinstance(node, ast.Compare):
            ops = list(node.ops)
            ops[v // 10] = _FLIP[type(ops[v // 10])][v % 10]()
            node.ops = ops
            return node
        if isinstance(node, ast.BoolOp):
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            return node
        if isinstance(node, ast.UnaryOp):
            return node.operand
        if isinstance(node, ast.BinOp):
            node.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
            return node
        if isinstance(node, ast.Constant):
            old = node.value
            step = 1 if v == 0 else -1
            value = (not old) if type(old) is bool else (old + step if type(old) is int else old)
            return ast.copy_location(ast.Constant(value), node)
        if isinstance(node, ast.Call):
            return node.args[0]
        if isinstance(node, ast.Continue):
            return ast.copy_location(ast.Break(), node)
        return ast.copy_location(ast.Continue(), node)


def mutants(module: str) -> list[Mutant]:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    return [
        Mutant(module, i, getattr(node, "lineno", 0), what)
        for i, (node, _, what) in enumerate(_sites(tree))
    ]


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse((PACKAGE / mutant.module).read_text(encoding="utf-8"))
    node, variant, _ = list(_sites(tree))[mutant.index]
    changed = _Apply(node, variant).visit(tree)
    return ast.unparse(ast.fix_missing_locations(changed))


def run_one(mutant: Mutant, copy: Path, limit: float) -> str:
    """'killed', 'timeout' (also killed) or 'survived'."""
    target = copy / "disclosure_schema" / mutant.module
    original = target.read_text(encoding="utf-8")
    target.write_text(mutated_source(mutant), encoding="utf-8")
    _forget_bytecode(target)
    env = {**os.environ, "PYTHONPATH": str(copy), "HYPOTHESIS_PROFILE": "ci"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
               "-p", "no:randomly", *TESTS[mutant.module]]  # fmt: skip
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=limit,
                              check=False)  # fmt: skip
        outcome = "survived" if done.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        outcome = "timeout"
    finally:
        target.write_text(original, encoding="utf-8")
        _forget_bytecode(target)
    return outcome


def _forget_bytecode(source: Path) -> None:
    """A .pyc is trusted when the source's size and whole-second mtime match: two
    mutants of one size written within a second (a run that fails at import) would
    otherwise run the first one's code twice."""
    for cached in (source.parent / "__pycache__").glob(f"{source.stem}.*.pyc"):
        cached.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"of {sorted(TESTS)}")
    parser.add_argument("--sample", type=int, default=0, help="at most N mutants per module")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    unknown = sorted(set(args.modules) - set(TESTS))
    if unknown:
        parser.error(f"no tests are mapped to {unknown}")
    args.modules = args.modules or list(DEFAULT)
    scores = []
    with tempfile.TemporaryDirectory() as where:
        copy = Path(where)
        shutil.copytree(PACKAGE, copy / "disclosure_schema")
        for module in args.modules:
            every = mutants(module)
            chosen = every
            if args.sample and len(every) > args.sample:
                chosen = sorted(random.Random(args.seed).sample(every, args.sample),
                                key=lambda m: m.index)  # fmt: skip
            killed = 0
            start = time.monotonic()
            for number, mutant in enumerate(chosen, 1):
                outcome = run_one(mutant, copy, args.timeout)
                killed += outcome != "survived"
                print(f"  {number}/{len(chosen)} {outcome}: {module}:{mutant.line}  {mutant.what}",
                      flush=True)  # fmt: skip
            seconds = time.monotonic() - start
            score = killed / len(chosen) if chosen else 1.0
            line = (f"{module}: {killed}/{len(chosen)} killed ({score:.0%}) of {len(every)} "
                    f"mutants, {seconds:.0f} s")  # fmt: skip
            print(line, flush=True)
            scores.append(line)
    print("\n".join(["", "scores:", *scores]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
