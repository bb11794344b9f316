"""The interpreter floor: the same as floor_typer.py without Typer."""

import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as fh:
    data = yaml.load(fh, Loader=yaml.CSafeLoader)
sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
