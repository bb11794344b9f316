"""The parsing floor for `validate`: every plan under a folder parsed with the C loader,
with the same number of worker processes as govplan uses.

    python bench/floor_parse.py FOLDER [-j N]
"""

import argparse
import multiprocessing
import os
import sys

import yaml


def parse(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    files = sorted(
        os.path.join(root, f)
        for root, _, names in os.walk(args.folder)
        for f in names
        if f.endswith((".yaml", ".yml"))
    )
    with multiprocessing.Pool(args.jobs) as pool:
        for _ in pool.imap(parse, files, chunksize=8):
            pass
    sys.stdout.write(f"{len(files)} files parsed\n")


if __name__ == "__main__":
    main()
