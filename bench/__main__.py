"""`python -m bench`: run every benchmark and print one table."""

from bench.startup import main

if __name__ == "__main__":
    import json
    from pathlib import Path

    outcome = main()
    width = max(len(k) for k in outcome)
    for key, value in outcome.items():
        print(f"{key:<{width}}  {value}")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(json.dumps(outcome, indent=2) + "\n")
