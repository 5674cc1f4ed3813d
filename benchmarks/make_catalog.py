"""Write a synthetic but valid papers.yaml with N papers, deterministic for a given N.

    python benchmarks/make_catalog.py --papers 10000 --out /tmp/papers-10k.yaml

Realistic shapes: 1-12 distinct authors (some with particles, hyphenated or accented
names), titles with acronyms and colons, a mix of conference papers, workshop and
Findings tracks, a journal, and arXiv preprints.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from unlearn_bib.files.yamlio import dump_record  # noqa: E402

FAMILY = ("Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Kim Lee Park Choi "
          "Smith Johnson Brown Garcia Miller Davis Rodriguez Martinez Müller Schmidt Schneider Fischer Weber "
          "Dubois Lefèvre Rossi Bianchi Kowalski Nowak Materzyńska Cywiński Øster Ødegaard Nguyen Tran Pham "
          "Srivatsan Gupta Sharma Patel Kumar Singh Tanaka Suzuki Sato Ito Cohen Levi Mizrahi Hegde").split()
GIVEN = ("Wei Jing Yu-Gang Chi-Pin Adams Wai-Kin Min-Jun Ji-ho Anna Maria José Émile Zoë Søren Łukasz "
         "Rohit Koushik Kai Chao Yihua Sijia Yimeng Jinghan Xin Anh Trung Thuy-Trang Long Paul Tamas "
         "Matan Ohad Shai Nupur Richard Jun-Yan Eli David Joanna Yonatan Hadas Bartosz Kamil").split()
PARTICLES = ("van der", "de", "von", "van", "di")
WORDS = ("concept erasure unlearning diffusion models text-to-image adversarial robust safe efficient "
         "generation attack defense benchmark stylized dataset preservation saliency pruning adapter "
         "editing removal forgetting restoration prompt embedding latent guidance flow transformers").split()
ACRONYMS = ("MACE SalUn ESD UCE RECE STEREO ACE SAeUron DoCo LoRA CLIP SDXL UnlearnCanvas").split()
VENUES = [("CVPR", ""), ("ICCV", ""), ("ECCV", ""), ("NeurIPS", ""), ("ICLR", ""), ("ICML", ""), ("AAAI", ""),
          ("WACV", ""), ("ACM MM", ""), ("ACM CCS", ""), ("NAACL", "findings"), ("CVPR", "workshop"),
          ("NeurIPS", "datasets-and-benchmarks"), ("TPAMI", ""), ("arXiv", ""), ("arXiv", "")]
SECTIONS = ("concept-unlearning", "concept-restoration", "benchmark")


def make(n: int) -> str:
    rng = random.Random(n)
    lines = ["sections:", "  - id: concept-unlearning", "    title: Concept Unlearning",
             "  - id: concept-restoration", "    title: Concept Restoration",
             "  - id: benchmark", "    title: Benchmark", "", "papers:"]
    for i in range(n):
        authors = []
        for _ in range(rng.choice((1, 2, 3, 3, 4, 5, 5, 6, 7, 9, 12))):
            person = {"family": rng.choice(FAMILY), "given": rng.choice(GIVEN)}
            if rng.random() < 0.04:
                person = {"family": rng.choice(FAMILY), "given": rng.choice(GIVEN), "particle": rng.choice(PARTICLES)}
            authors.append(person)
        head = rng.choice(ACRONYMS)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))
        title = f"{head}{i}: {words[0].upper()}{words[1:]}" + ("?" if rng.random() < 0.1 else "")
        venue, track = rng.choice(VENUES)
        year = rng.randint(2019, 2026)
        arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{i:05d}"
        record = {"key": f"paper{i:06d}", "section": rng.choice(SECTIONS), "title": title, "authors": authors,
                  "venue": venue, "year": year, "arxiv": arxiv}
        if track:
            record["track"] = track
        if venue != "arXiv" and rng.random() < 0.6:
            start = rng.randint(1, 9000)
            record["pages"] = f"{start}--{start + rng.randint(8, 20)}"
        if venue in ("ECCV", "CVPR") and rng.random() < 0.5:
            record["doi"] = f"10.9999/synthetic.{i}"
        if venue == "TPAMI":
            record["volume"] = str(rng.randint(40, 48))
            record["number"] = str(rng.randint(1, 12))
        record["code"] = f"https://github.com/example/repo{i}"
        record["list_year"] = year
        record["sources"] = [f"https://example.org/paper/{i}"]
        lines.append(dump_record(record).rstrip("\n"))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    Path(args.out).write_text(make(args.papers), encoding="utf-8")


if __name__ == "__main__":
    main()
