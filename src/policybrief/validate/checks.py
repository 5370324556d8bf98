"""The sources' own arithmetic: stated totals and shares checked against their parts.

Checks are declared in config/arithmetic.yaml: a stated value (a fact id or a
number), an expression that computes it from facts, list items or indicators, a tolerance
and a severity. The result is a table that a Great Expectations suite then validates.
"""

import ast
import operator

from policybrief.core.errors import InputError
from policybrief.core.tables import columns_of
from policybrief.core.yaml_input import key_line, load_yaml_input

CHECK_COLUMNS = columns_of("checks_sources")
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
ALLOWED = ('fact ids (the fact_id column of data/processed/facts.csv), numbers, + - * / and brackets, '
           'items("<list id>") or items("<list id>", "<audience>"), and indicator_sum("<indicator>")')


class NotAllowed(ValueError):
    """A part of an expression that is not arithmetic on the scope's names."""

    def __init__(self, part: str):
        self.part = part
        super().__init__(f"not allowed in a check: {part!r}")


class Scope:
    """What an expression can name: fact ids, and the functions items() and indicator_sum()."""

    def __init__(self, facts=(), list_items=(), indicators=()):
        self.facts = {f["fact_id"]: float(f["value"]) for f in facts}
        self.origins = {f["fact_id"]: f.get("origin", "") for f in facts}
        self.list_items = list(list_items)
        self.indicators = list(indicators)
        self.used = []

    def name(self, identifier: str) -> float:
        if identifier not in self.facts:
            raise KeyError(f"fact {identifier!r} is not in facts.csv")
        self.used.append(identifier)
        return self.facts[identifier]

    def items(self, list_id: str, audience: str | None = None) -> float:
        self.used.append(f"{list_id}" + (f"/{audience}" if audience else ""))
        return float(sum(1 for i in self.list_items
                         if i["list"] == list_id and (audience is None or i["audience"] == audience)))

    def indicator_sum(self, indicator: str) -> float:
        rows = [r for r in self.indicators if r["indicator"] == indicator]
        if not rows:
            raise KeyError(f"indicator {indicator!r} is not in indicators.csv")
        self.used.append(indicator)
        return sum(float(r["value"]) for r in rows)


def evaluate(expression: str, scope: Scope) -> float:
    """Arithmetic on fact ids and the scope's functions; nothing else is allowed."""
    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            return scope.name(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("items", "indicator_sum")
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
            return getattr(scope, node.func.id)(*[a.value for a in node.args])
        raise NotAllowed(ast.unparse(node))

    return walk(ast.parse(expression, mode="eval"))


class _Shape(Scope):
    """Every name and function stands for 1: enough to check that an expression is arithmetic
    before any table is read."""

    def name(self, identifier: str) -> float:
        return 1.0

    def items(self, list_id: str, audience: str | None = None) -> float:
        return 1.0

    def indicator_sum(self, indicator: str) -> float:
        return 1.0


def expression_problem(expression: str) -> str | None:
    """Why an expression is not one a check may compute, in words; None if it is."""
    try:
        evaluate(expression, _Shape())
    except SyntaxError as error:
        return f"{expression!r} is not a complete expression ({error.msg})" if expression.strip() else "is empty"
    except NotAllowed as error:
        whole = ast.unparse(ast.parse(expression, mode="eval").body)
        return (f"{expression!r} is not arithmetic" if error.part == whole
                else f"{expression!r} holds {error.part!r}, which is not arithmetic")
    except TypeError:  # items() or indicator_sum() with the wrong number of names
        return f"{expression!r} calls items() or indicator_sum() with the wrong number of names"
    except (ValueError, ZeroDivisionError):
        pass  # a value, not the expression's form: told when the check runs
    return None


def load_checks(path) -> list[dict]:
    """The checks of config/arithmetic.yaml, each expression checked to be arithmetic before
    any is computed: anything else stops with the file, the line and the check's id."""
    checks = load_yaml_input(path, "arithmetic", empty={})["checks"]
    for index, check in enumerate(checks):
        for key in ("stated", "computed"):
            problem = expression_problem(str(check[key]))
            if problem:
                raise InputError(path, f'{key_line(path, ("checks", index, key))}checks[{index}] (id "{check["id"]}").'
                                       f"{key}: {problem}.", f"write arithmetic only: {ALLOWED}.")
    return checks


def run_checks(checks: list[dict], stage: str, scope: Scope) -> list[dict]:
    rows = []
    for check in (c for c in checks if c["stage"] == stage):
        scope.used = []
        row = {"check": check["id"], "stage": stage, "description": check.get("description", ""),
               "tolerance": float(check.get("tolerance", 0)), "severity": check.get("severity", "critical")}
        try:
            stated = evaluate(str(check["stated"]), scope)
            computed = evaluate(str(check["computed"]), scope)
        except (KeyError, ValueError, ZeroDivisionError) as error:
            if isinstance(error, ZeroDivisionError):  # say which value is the zero, and where it came from
                zeros = [f"{name} is 0 ({scope.origins.get(name) or 'facts.csv'})" for name in dict.fromkeys(scope.used)
                         if scope.facts.get(name) == 0]
                error = "division by zero: " + "; ".join(zeros) if zeros else error
            row.update(stated="", computed="", difference="", within_tolerance="false",
                       description=f"{row['description']} (could not be computed: {error})")
        else:
            difference = computed - stated
            row.update(stated=stated, computed=round(computed, 6), difference=round(difference, 6),
                       within_tolerance="true" if abs(difference) <= row["tolerance"] + 1e-9 else "false")
        row["inputs"] = ";".join(dict.fromkeys(scope.used))
        rows.append(row)
    return rows
