"""A small workbook that declares 16,384 columns is refused before a row is read, and an import's
memory stays bounded (issue 31, item 5). The peak RSS is measured in a subprocess and printed; the
bound asserted is generous (the unguarded read of this file cost +504 MB to +2.6 GB)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nominations.services.imports import UNIT_COLUMNS, ImportFileError, read_rows
from tests.width_bomb import RSS_PROBE, width_bomb

ROOT = Path(__file__).resolve().parents[2]


def test_a_sheet_declaring_sixteen_thousand_columns_is_refused_before_reading():
    bomb = width_bomb(UNIT_COLUMNS)
    assert len(bomb) < 250_000
    with pytest.raises(ImportFileError, match="khai báo 16.384 cột"):
        read_rows(SimpleUploadedFile("don-vi.xlsx", bomb), UNIT_COLUMNS)


def test_a_sheet_declaring_more_rows_than_the_limit_is_refused():
    bomb = width_bomb(UNIT_COLUMNS, rows=10, declared="A1:G1048576")
    with pytest.raises(ImportFileError, match="tối đa 20.000 dòng"):
        read_rows(SimpleUploadedFile("don-vi.xlsx", bomb), UNIT_COLUMNS)


def test_a_template_wide_file_is_still_read():
    rows = read_rows(
        SimpleUploadedFile("don-vi.xlsx", width_bomb(UNIT_COLUMNS, rows=50, declared="A1:G51")), UNIT_COLUMNS
    )
    assert len(rows) == 50 and rows[0][1]["code"] == "U0"


def _peak_growth_mb(tmp_path, content: bytes) -> tuple[int, int, str]:
    path = tmp_path / "import.xlsx"
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **__import__("os").environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        },
    )
    assert done.returncode == 0, done.stderr[-2000:]
    growth, peak, outcome = done.stdout.strip().split(" ", 2)
    return int(growth), int(peak), outcome


def test_the_width_bomb_costs_the_worker_almost_nothing(tmp_path, capsys):
    bomb_growth, bomb_peak, outcome = _peak_growth_mb(tmp_path, width_bomb(UNIT_COLUMNS))
    honest_growth, honest_peak, honest = _peak_growth_mb(
        tmp_path, width_bomb(UNIT_COLUMNS, declared="A1:G20001")
    )
    with capsys.disabled():
        print(
            f"\nwidth bomb (16,384 declared columns × 20,000 rows): peak RSS {bomb_peak} MB (+{bomb_growth} MB), {outcome[:9]}"
        )
        print(f"the same rows, template-wide: peak RSS {honest_peak} MB (+{honest_growth} MB), {honest[:40]}")
    assert outcome.startswith("refused") and bomb_growth < 100
    assert honest == "read" and honest_growth < 400
