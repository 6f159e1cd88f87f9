# invoice-server: common tasks. See README.md.
SWIFT ?= swift

# Debian packages the build, tests and bench need (sqlite3 is the CLI the tests use; Pango,
# Cairo, fontconfig and the fonts print invoice PDFs: Noto for Latin, Arabic script and Han,
# Symbola for emoji and symbols as outlines, Noto Color Emoji for the emoji Symbola lacks;
# poppler-utils reads them back in the tests; python3-aiosmtpd is the real SMTP server the
# outbox tests send mail to; chromium runs the dashboard's browser tests and is the PDF
# benchmark's baseline; systemd (for systemd-analyze, which Debian ships only inside it: about
# 5 MB to download, no service is started in a container) and nginx check the deployment files
# of docs/deploy/ - the tests only run `systemd-analyze verify` and `nginx -t`).
DEB_PACKAGES := libsqlite3-dev wrk curl python3 sqlite3 openssl pkg-config \
	libpango1.0-dev libcairo2-dev libfontconfig-dev fonts-noto-core fonts-noto-cjk fonts-symbola \
	fonts-noto-color-emoji poppler-utils python3-aiosmtpd chromium systemd nginx
# fontTools converts Noto Sans CJK SC to TrueType outlines for fast Chinese PDFs (fonts/README.md).
FONTTOOLS := fonttools==4.60.1
# Python packages of the browser tests: playwright drives Debian's chromium (its own browser
# download is not used), pytest runs them.
PIP_PACKAGES := playwright==1.65.2 pytest==9.0.3

.PHONY: deps install-packages fonts build run test browser-test screenshots bench reliability fuzz clean docs postman-test

# Installs only what is missing and makes the printing fonts; silent when all is there.
deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEB_PACKAGES)"
	@$(MAKE) --no-print-directory fonts

# Noto Sans CJK SC with TrueType outlines, in fonts/generated (not in git). Without fontTools
# the conversion is skipped and Chinese PDFs use the original fonts (slower, same text).
fonts:
	@python3 -c "import fontTools" 2>/dev/null || python3 -m pip install -q "$(FONTTOOLS)" || true
	@python3 fonts/cjk_to_truetype.py

install-packages:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  echo "deps: installing$$missing"; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@python3 -c "import aiosmtpd" 2>/dev/null || python3 -m pip install -q "aiosmtpd==1.4.6"
	@python3 -c "import playwright, pytest" 2>/dev/null || python3 -m pip install -q $(PIP_PACKAGES)

build:
	$(SWIFT) build -c release --product invoice-server

run: deps build
	.build/release/invoice-server serve --host 127.0.0.1 --port 8080 --data-dir data

# The suites that spawn processes (servers, the CLI, Python sinks, pdftotext; found by
# Tests/serial_suites.py) run one test at a time: Foundation's Process.run() can crash while
# other threads open and close descriptors. Every other suite runs in parallel.
# The Postman collection then runs against a real server (postman-test).
# Examples/HelloPlugin is also built once as a package of its own, to prove it stands alone (its
# sources are compiled into the tests as well).
test: deps
	serial="$$(python3 Tests/serial_suites.py)" && \
	$(SWIFT) build --build-tests && \
	$(SWIFT) build --package-path Examples/HelloPlugin --product hello-server && \
	$(SWIFT) test --skip-build --skip "$$serial" && \
	$(SWIFT) test --skip-build --no-parallel --filter "$$serial" && \
	$(MAKE) --no-print-directory postman-test && \
	$(MAKE) --no-print-directory browser-test

# Every request of the Postman collection against a fresh debug server, as the reference says it
# answers (Tests/Postman/run_collection.py: Python's standard library only).
postman-test:
	PYTHONDONTWRITEBYTECODE=1 python3 Tests/Postman/run_collection.py

# The API reference generated from the route tables (docs/api, docs/errors.md, the Postman
# collection): run after changing a route, a parameter or an answer; a test fails until you do.
docs:
	$(SWIFT) build --product invoice-server
	.build/debug/invoice-server docs --out docs

# The dashboard in Debian's chromium, against the debug server `swift build --build-tests` made.
browser-test:
	PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider Tests/Browser

# Screenshots of the main pages in en, zh and fa for the README (docs/screenshots/).
screenshots: deps
	$(SWIFT) build --product invoice-server
	SCREENSHOTS=docs/screenshots PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider Tests/Browser -k screenshots

bench: deps
	SWIFT="$(SWIFT)" bash bench/run.sh
	SWIFT="$(SWIFT)" BENCH_SKIP_BUILD=1 bash bench/pdf.sh
	SWIFT="$(SWIFT)" bash bench/tick.sh

# Crash safety, hostile input, overload, the OpenAPI run and the authorization matrix
# (reliability/README.md). CI: RELIABILITY_MODE=short.
RELIABILITY_MODE ?= full
SCHEMATHESIS := schemathesis==4.32.5
reliability: deps build
	@python3 -c "import schemathesis" 2>/dev/null || python3 -m pip install -q "$(SCHEMATHESIS)"
	python3 reliability/run.py --mode $(RELIABILITY_MODE)

# Coverage-guided fuzzing of the hand-written parsers with libFuzzer (Fuzz/README.md): every
# target for FUZZ_SECONDS (600 by default, 30 for a short run), FUZZ_WORKERS processes each.
# Needs only the Swift toolchain and Python 3; a package of its own, so `make test` never builds it.
FUZZ_SECONDS ?= 600
FUZZ_WORKERS ?= 1
fuzz:
	SWIFT="$(SWIFT)" python3 Fuzz/fuzz.py --seconds $(FUZZ_SECONDS) --workers $(FUZZ_WORKERS)

clean:
	rm -rf .build Fuzz/.build
