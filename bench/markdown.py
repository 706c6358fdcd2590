"""`python -m bench.markdown [results.json]`: the results as the Markdown table of RESULTS.md."""

import json
import sys
from pathlib import Path

from .result import Result
from .table import markdown

DEFAULT = Path(__file__).with_name("results.json")


def main(argv: list[str]) -> None:
    document = json.loads(Path(argv[0] if argv else DEFAULT).read_text())
    results = [Result.from_json(key, entry) for key, entry in document["metrics"].items()]
    machine = document["machine"]
    print(markdown(results))
    print(
        f"\nMachine: {machine['cpu']}, {machine['cores']} cores, Python {machine['python']}, "
        f"{machine['date']}, load average {machine['load_average']} -> {machine.get('load_average_after')}; "
        f"`{document['command']}` took {document['seconds']} s."
    )


if __name__ == "__main__":
    main(sys.argv[1:])
