# invoice-server: common tasks. See README.md.
SWIFT ?= swift

# Debian packages the build, tests and bench need (sqlite3 is the CLI the tests use;
# python3-aiosmtpd is the real SMTP server the outbox tests send mail to).
DEB_PACKAGES := libsqlite3-dev wrk curl python3 sqlite3 openssl python3-aiosmtpd

.PHONY: deps build run test bench reliability clean

# Installs only what is missing; silent when everything is present.
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  echo "deps: installing$$missing"; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@python3 -c "import aiosmtpd" 2>/dev/null || python3 -m pip install -q "aiosmtpd==1.4.6"

build:
	$(SWIFT) build -c release --product invoice-server

run: deps build
	.build/release/invoice-server serve --host 127.0.0.1 --port 8080 --data-dir data

# Serial on purpose: end-to-end tests spawn servers and processes and bind ports, and
# Foundation's Process.run() can crash while other threads open and close descriptors.
test: deps
	$(SWIFT) build --build-tests && $(SWIFT) test --skip-build --no-parallel

bench: deps
	SWIFT="$(SWIFT)" bash bench/run.sh
	SWIFT="$(SWIFT)" bash bench/tick.sh

# Crash safety, hostile input, overload, the OpenAPI run and the authorization matrix
# (reliability/README.md). CI: RELIABILITY_MODE=short.
RELIABILITY_MODE ?= full
SCHEMATHESIS := schemathesis==4.32.5
reliability: deps build
	@python3 -c "import schemathesis" 2>/dev/null || python3 -m pip install -q "$(SCHEMATHESIS)"
	python3 reliability/run.py --mode $(RELIABILITY_MODE)

clean:
	rm -rf .build
