"""Prints, as JSON, what a generated DAG file uses: its imports, every call (callee and keyword
names) and the keys of its default_args dict, read with Python's own parser (ast)."""
import ast
import json
import sys

tree = ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
imports, calls, default_args = [], [], []
for node in ast.walk(tree):
    if isinstance(node, ast.ImportFrom):
        imports += [{"module": node.module, "name": a.name} for a in node.names]
    elif isinstance(node, ast.Import):
        imports += [{"module": a.name, "name": None} for a in node.names]
    elif isinstance(node, ast.Call):
        f = node.func
        name = f.id if isinstance(f, ast.Name) else (ast.unparse(f) if isinstance(f, ast.Attribute) else None)
        calls.append({"func": name, "keywords": [k.arg for k in node.keywords], "args": len(node.args)})
    elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "default_args" for t in node.targets) and isinstance(node.value, ast.Dict):
        default_args = [k.value for k in node.value.keys]
print(json.dumps({"imports": imports, "calls": calls, "default_args": default_args}))
