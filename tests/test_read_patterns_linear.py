"""A guard for future rules: every compiled pattern of the list reader (``unlearn_bib.read``) and of ``unlearn_bib.text``
reads hostile text of about 4,000 characters in well under a second (search, findall and match). A pattern whose
quantifiers meet over the same characters (``\\s*`` next to a class that also takes spaces, an unanchored search that
rescans the rest of the line from every start) takes seconds to hours here, as a 10 MB README would make it."""
import subprocess
import sys

# run in a child process, so that a pattern that backtracks for hours is stopped by the timeout, not waited for
SCAN = r'''
import importlib, pkgutil, re, time
import unlearn_bib.read, unlearn_bib.text
N = 4_000
FAMILIES = {
    "spaces": "GPT" + " " * N + "x", "words": "ab " * (N // 3) + "!", "Words": "Ab " * (N // 3) + "!",
    "commas": "a, " * (N // 3) + "!", "initials": "A. " * (N // 3) + "!", "dots": "." * N + "a",
    "letters": "a" * N + "!", "and": "a and " * (N // 6) + "!", "brackets": "[a] " * (N // 4) + "(",
    "stars": "*a " * (N // 3) + "*", "dashes": "a - " * (N // 4) + "!", "digits": "1 " * (N // 2) + "x",
    "etal": "A et al " * (N // 8) + "!", "quote": '"' + "a " * (N // 2), "under": "_a " * (N // 3) + "_",
    "pipes": "a | " * (N // 4) + "!", "colons": "a: " * (N // 3) + "!", "tabs": "a\t" * (N // 2) + "!",
    "hyphens": "a-" * (N // 2) + "!", "parens": "(a) " * (N // 4) + ")", "years": "2020 " * (N // 5) + "x",
}
for package in (unlearn_bib.read, unlearn_bib.text):
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, pattern in sorted(vars(module).items()):
            if not isinstance(pattern, re.Pattern):
                continue
            for family, text in FAMILIES.items():
                print(info.name, name, family, flush=True)
                started = time.perf_counter()
                pattern.search(text), pattern.findall(text), pattern.match(text)
                if time.perf_counter() - started > 1:
                    print("SLOW", info.name, name, family, round(time.perf_counter() - started, 1), flush=True)
print("DONE", flush=True)
'''


def test_every_reader_pattern_reads_hostile_text_in_linear_time():
    try:
        done = subprocess.run([sys.executable, "-c", SCAN], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired as stopped:
        out = stopped.stdout.decode() if isinstance(stopped.stdout, bytes) else stopped.stdout or ""
        raise AssertionError(f"still running after 300 s on: {out.splitlines()[-1:]}") from None
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if line.startswith("SLOW")] == []
    assert done.stdout.rstrip().endswith("DONE")
