#!/usr/bin/env python
"""Re-probe what issue 31 found, from the outside, bounded and on loopback only.

Runs tests/web/test_reprobe.py on a throwaway database and prints its figures: wrong passwords
before the lock per way in (login page, admin, API token: real HTTP to a server on 127.0.0.1, then
again in-process), the NAT colleague and the parallel guesses, leader-signed dossiers that accept a
transition, formulas in the XLSX exports, the width bomb's peak RSS (a child process). Nothing
leaves the machine. About a minute on SQLite; DATABASE_URL=postgres://… runs it on PostgreSQL.

    .venv/bin/python scripts/reprobe_security.py
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "-m",
            "reprobe",
            "tests/web/test_reprobe.py",
        ],
        cwd=ROOT,
        env={**os.environ, "REPROBE": "1"},
        timeout=600,
    )
    sys.exit(run.returncode)
