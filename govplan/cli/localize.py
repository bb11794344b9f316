"""Help in the user's language: the Chinese texts of govplan/help_zh.txt put on the commands
and options when --lang zh is given or the locale is Chinese."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from govplan.shipped import shipped


def help_language(argv: Sequence[str]) -> str:
    """zh with --lang zh (or --lang=zh), or a Chinese locale; else en."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "zh" if argv[i + 1] == "zh" else "en"
        if arg.startswith("--lang="):
            return "zh" if arg.partition("=")[2] == "zh" else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def help_texts() -> dict[str, dict[str, str]]:
    """The sections of help_zh.txt: command -> key -> text."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    key = ""
    for raw in shipped("help_zh.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith("[") and raw.rstrip().endswith("]"):
            current = sections.setdefault(raw.strip()[1:-1], {})
        elif raw.startswith(" ") and current is not None and key:
            line = raw.strip()
            paragraph = line.startswith("¶")
            if paragraph:
                current[key] += "\n\n" + line.lstrip("¶ ")
            else:  # Chinese runs on; a word of Latin letters keeps its space
                wide = current[key][-1:] > "\u2e80" and line[:1] > "\u2e80"
                current[key] += ("" if wide else " ") + line
        elif current is not None and " = " in raw:
            key, _, text = raw.partition(" = ")
            key = key.strip()
            current[key] = text.strip()
    return sections


def localize(group: Any) -> None:
    """Put the Chinese help on the click group of the app, its commands and their params."""
    texts = help_texts()
    top = texts.get("govplan", {})
    if "help" in top:
        group.help = top["help"]
    for name, command in group.commands.items():
        own = texts.get(name, {})
        if "help" in own:
            command.help = own["help"]
            command.short_help = None
        for param in command.params:
            names = [*getattr(param, "opts", []), param.name]
            found = next((own[n] for n in names if n in own), None)
            if found is not None:
                param.help = found
