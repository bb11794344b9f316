"""The framework floor: a minimal Typer app that loads a plan with the C loader and prints it."""

import json
import sys

import typer
import yaml

app = typer.Typer(add_completion=False)


@app.command()
def check(path: str, fmt: str = typer.Option("json", "--format", "-f")) -> None:
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    app()
