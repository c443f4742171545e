# Self-documenting: `make help` lists the targets with their descriptions.
.DEFAULT_GOAL := help
PY := .venv/bin/python
ARGS ?=

.PHONY: help venv demo test lint fmt migrations-check run worker bench bench-unit bench-reports bench-batch load benchmark benchmark-quick

help: ## Liệt kê các lệnh
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

venv: ## Tạo .venv và cài thư viện (chỉ khi requirements thay đổi)
	@bash scripts/bootstrap.sh

demo: ## Cài đặt, tạo dữ liệu mẫu, chạy web + tác vụ nền (SQLite)
	@bash scripts/demo.sh

test: venv ## Chạy kiểm thử (SQLite; đặt DATABASE_URL=postgres://… để chạy trên PostgreSQL)
	$(PY) -m pytest $(ARGS)

lint: venv ## ruff check + ruff format --check + hợp đồng phân tầng (lint-imports)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

fmt: venv ## Định dạng mã bằng ruff
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

migrations-check: venv ## Kiểm tra không thiếu migration
	$(PY) manage.py makemigrations --check --dry-run

run: venv ## Chỉ chạy web server (cổng 8000)
	$(PY) manage.py runserver 127.0.0.1:8000

worker: venv ## Chỉ chạy tác vụ nền django-q2
	$(PY) manage.py qcluster

bench: venv ## Đo thời gian quét hạn xử lý trên PostgreSQL (cần DATABASE_URL)
	$(PY) benchmarks/bench_sweep.py

bench-unit: venv ## Đo thời gian thủ trưởng ký một quyết định 500 danh hiệu trên PostgreSQL (cần DATABASE_URL)
	$(PY) benchmarks/bench_unit_decision.py --titles 500

bench-batch: venv ## Đo thời gian nhập và nộp tờ trình 1.000 người từ tệp mẫu trên PostgreSQL (cần DATABASE_URL)
	$(PY) benchmarks/bench_batch_import.py --rows $${ROWS:-1000}

bench-reports: venv ## Đo thời gian các biểu thống kê năm và bảng tổng hợp trên dữ liệu của DATABASE_URL (PostgreSQL)
	$(PY) benchmarks/bench_reports.py

load: venv ## Tạo dữ liệu tải N hồ sơ trên PostgreSQL (cần DATABASE_URL; N=1000000 mặc định)
	nice -n 10 $(PY) manage.py generate_load --nominations $${N:-1000000}

benchmark: venv ## Đo toàn bộ số liệu hiệu năng trên CSDL hiện tại (cần DATABASE_URL)
	nice -n 10 $(PY) manage.py benchmark --json test-artifacts/benchmark.json

benchmark-quick: venv ## Đo nhanh (10.000 hồ sơ, vài giây mỗi số liệu; cần DATABASE_URL)
	$(PY) manage.py benchmark --quick --json test-artifacts/benchmark-quick.json
