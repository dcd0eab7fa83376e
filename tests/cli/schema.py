#!/usr/bin/python3
"""schema.py: the tree format's JSON Schema against trees and the loader.

    schema.py validate SCHEMA TREE...   prints "ok FILE" or "invalid FILE: WHY"
    schema.py keys SCHEMA LOADER        prints the key tables that differ

YAML is read as an editor's YAML language server reads it: YAML 1.2, where
only true and false are booleans (ruamel.yaml)."""
import datetime
import json
import re
import sys

import jsonschema
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


def plain(v):
    """v with every mapping key a string, as JSON has them."""
    if isinstance(v, dict):
        return {(json.dumps(k) if not isinstance(k, str) else k): plain(x)
                for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def validate(schema_path, trees):
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in trees:
        try:
            doc = plain(YAML(typ="safe", pure=True).load(open(path, "rb")))
        except (YAMLError, UnicodeDecodeError) as e:
            print("invalid %s: YAML: %s" % (path, str(e).splitlines()[0]))
            continue
        errors = list(validator.iter_errors(doc))
        if errors:
            e = errors[0]
            print("invalid %s: %s at /%s" % (path, e.message[:120],
                                             "/".join(str(p) for p in e.absolute_path)))
        else:
            print("ok %s" % path)


def keys(schema_path, loader_path):
    schema = json.load(open(schema_path, encoding="utf-8"))
    src = open(loader_path, encoding="utf-8").read()
    tables = {}
    for name, body in re.findall(r"static const struct key (\w+)\[\] = \{(.*?)\n\s*\};", src, re.S):
        tables[name] = set(re.findall(r'\{ "(\w+)",', body))
    choice = re.search(r"q_choices\(.*?static const struct key keys\[\] = \{(.*?)\};", src, re.S)
    tables["choice keys"] = set(re.findall(r'\{ "(\w+)",', choice.group(1)))
    defs = schema["$defs"]
    pairs = {
        "tree_keys": schema["properties"],
        "section_keys": defs["section"]["properties"],
        "question_keys": defs["question"]["properties"],
        "flag_keys": defs["flag"]["properties"],
        "choice keys": defs["choice"]["anyOf"][1]["properties"],
    }
    for name, props in pairs.items():
        if name not in tables:
            print("%s: no such table in the loader" % name)
            continue
        only_loader = tables[name] - set(props)
        only_schema = set(props) - tables[name]
        if only_loader or only_schema:
            print("%s: loader only %s, schema only %s" % (name, sorted(only_loader), sorted(only_schema)))


if __name__ == "__main__":
    if sys.argv[1] == "validate":
        validate(sys.argv[2], sys.argv[3:])
    else:
        keys(sys.argv[2], sys.argv[3])
