"""Hand-made mutation run over the eligibility rules: every comparison flipped and shifted by one.

    python tools/mutate_rules.py [--files matching/rules.py matching/pair.py] [--tests tests/matching ...]

For each comparison in the files it makes three mutants (`<` to `<=` and back, `>` to `>=`,
`==` to `!=`; the right-hand side minus one; plus one), runs the tests against a copy of the
package with that one change, and prints every mutant the tests did not kill. A surviving
mutant is a boundary no test pins. Exit status 1 when any survives.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
}


class _Mutate(ast.NodeTransformer):
    def __init__(self, target: int, kind: str):
        self.target, self.kind, self.seen, self.description = target, kind, -1, ""

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        self.seen += 1
        if self.seen != self.target:
            return node
        before = ast.unparse(node)
        if self.kind == "flip":
            node.ops = [FLIP[type(node.ops[0])]()]
        else:
            delta = ast.Constant(1)
            op = ast.Sub() if self.kind == "minus" else ast.Add()
            node.comparators = [ast.BinOp(node.comparators[0], op, delta)]
        self.description = f"line {node.lineno}: {before}  ->  {ast.unparse(node)}"
        return node


def mutants(source: str) -> Iterator[tuple[str, str]]:
    count = sum(1 for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Compare) and type(n.ops[0]) in FLIP)
    for target in range(count):
        for kind in ("flip", "minus", "plus"):
            mutate = _Mutate(target, kind)
            tree = mutate.visit(ast.parse(source))
            yield mutate.description, ast.unparse(ast.fix_missing_locations(tree))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", nargs="+", default=["matching/rules.py", "matching/pair.py"])
    # The boundary cases first: most mutants die there within seconds; the rest runs only for survivors.
    parser.add_argument("--tests", nargs="+", default=["tests/matching/test_rules.py", "tests/matching"])
    args = parser.parse_args()
    total, survivors = 0, []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for name in ("matching", "tests"):
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
        for file in args.files:
            original = (ROOT / file).read_text(encoding="utf-8")
            for description, mutated in mutants(original):
                total += 1
                (work / file).write_text(mutated, encoding="utf-8")
                result = subprocess.run(
                    [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *args.tests],
                    cwd=work,
                    capture_output=True,
                    text=True,
                )
                killed = result.returncode != 0
                print(f"{'killed  ' if killed else 'SURVIVED'} {file} {description}", flush=True)
                if not killed:
                    survivors.append(f"{file} {description}")
            (work / file).write_text(original, encoding="utf-8")
    print(f"{total} mutants, {total - len(survivors)} killed, {len(survivors)} survived")
    for survivor in survivors:
        print(f"  survived: {survivor}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
