"""Themes that learn from the facilitator: examples (statements placed by hand) build a
theme's prototype with its heading; `facilitator cluster --examples` reads them from a file;
automatic k fits a small room."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
from sklearn.preprocessing import normalize

from facilitator.clustering.engine import absorb_singletons, k_range
from facilitator.clustering.examples import read_examples
from facilitator.clustering.guided import example_weight, guided_assignment, theme_prototypes
from facilitator.clustering.space import Space


def _unit(*rows: tuple[float, float, float]) -> np.ndarray:
    return normalize(np.array(rows, dtype=np.float32))


# Two headings; statement 0 lies nearer heading A's wording, but the facilitator's two
# examples of B (statements 1 and 2) sit right beside it.
HEADINGS = _unit((1, 0, 0), (0, 1, 0))
POINTS = _unit((0.8, 0.6, 0.5), (0.7, 0.72, 0.5), (0.72, 0.7, 0.55), (0.1, 1, 0), (1, 0.1, 0))


def _space() -> Space:
    return Space(POINTS, None, None, HEADINGS)


def test_without_examples_a_statement_follows_the_heading_wording() -> None:
    choice = guided_assignment(_space(), ["A", "B"], {})
    assert choice[0] == 0


def test_two_examples_teach_a_heading_what_it_covers() -> None:
    choice = guided_assignment(_space(), ["A", "B"], {1: 1, 2: 1})
    assert choice[0] == 1
    assert choice[1] == choice[2] == 1  # examples never move


def test_statements_kept_in_place_stay_but_teach_less_than_examples() -> None:
    kept = guided_assignment(_space(), ["A", "B"], {}, fixed={1: 1, 2: 1})
    assert kept[1] == kept[2] == 1
    taught = theme_prototypes(POINTS, HEADINGS, [[], [1, 2]])
    members_only = theme_prototypes(POINTS, HEADINGS, [[], []], [[], [1, 2]])
    # an example pulls its heading further toward it than a member that merely stayed
    assert taught[1] @ POINTS[1] > members_only[1] @ POINTS[1]


def test_one_example_is_a_hint_several_are_the_theme() -> None:
    assert example_weight(0) == 0
    assert example_weight(1) < example_weight(2) < example_weight(4) < 1


def test_examples_file_is_matched_to_the_lines() -> None:
    lines = ["Flere cykelstier", "Busserne kører for sjældent", "flere  CYKELSTIER", ""]
    examples = read_examples(
        [
            "Cykling\tFlere cykelstier",
            "Kollektiv trafik\tBusserne kører for sjældent",
            "uden tabulator",
            "Ukendt\tStår ikke i filen",
            "",
        ],
        lines,
        ["Kollektiv trafik"],
    )
    assert examples.headings == ["Kollektiv trafik", "Cykling"]  # given first, then named
    assert examples.placed == {0: 1, 2: 1, 1: 0}  # spacing and case aside, every copy
    assert examples.malformed == [3]
    assert examples.unknown == ["Står ikke i filen"]


def test_cli_examples_place_and_teach(tmp_path) -> None:
    lines = [
        "Vi skal have flere cykelstier",
        "Busserne kører for sjældent",
        "Cykelparkering ved stationen",
        "Billetpriserne er for høje",
        "Sikre skoleveje for cyklister",
    ]
    (tmp_path / "bidrag.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "eksempler.tsv").write_text(
        "Cykling\tCykelparkering ved stationen\n"
        "Kollektiv trafik\tBilletpriserne er for høje\n"
        "Kollektiv trafik\tfindes ikke\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "facilitator",
            "cluster",
            str(tmp_path / "bidrag.txt"),
            "--examples",
            str(tmp_path / "eksempler.tsv"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    clusters = {c["label"]: c["members"] for c in json.loads(done.stdout)["clusters"]}
    assert 2 in clusters["Cykling"] and 3 in clusters["Kollektiv trafik"]
    assert 1 in clusters["Kollektiv trafik"]
    assert "findes ikke" in done.stderr


def test_automatic_k_stays_near_the_square_root_of_the_room() -> None:
    assert k_range(30, 4, 14) == (4, 7)
    assert k_range(2000, 4, 14) == (4, 14)
    assert k_range(8, 4, 14) == (4, 4)
    assert k_range(3, 1, 14) == (1, 1)


def test_a_theme_of_one_joins_its_nearest_theme() -> None:
    vectors = _unit((1, 0, 0), (0.9, 0.1, 0), (0, 1, 0), (0.1, 0.9, 0), (0.2, 0.3, 1))
    labels = absorb_singletons(vectors, np.array([0, 0, 1, 1, 2]), [1, 1, 1, 1, 1])
    assert len(set(labels)) == 2 and labels[4] == 1
    # near-duplicates count: a row standing for two statements is not alone
    kept = absorb_singletons(vectors, np.array([0, 0, 1, 1, 2]), [1, 1, 1, 1, 2])
    assert len(set(kept)) == 3
