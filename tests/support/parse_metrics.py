#!/usr/bin/python3
"""Reads a Prometheus text exposition with Prometheus' own Python client parser and prints
what it read as JSON: {"families": [{"name", "type", "help", "samples": [{"name", "labels",
"value"}]}]}. A text the parser refuses exits 1 with its reason."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

try:
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    families = [
        {
            "name": family.name,
            "type": family.type,
            "help": family.documentation,
            "samples": [
                {"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples
            ],
        }
        for family in text_string_to_metric_families(text)
    ]
except Exception as e:  # the parser's own errors are ValueError, and others besides
    print(f"not a valid exposition: {e}", file=sys.stderr)
    sys.exit(1)
print(json.dumps({"families": families}))
