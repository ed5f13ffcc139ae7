# Every target creates the project's virtual environment on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Named after requirements.txt's checksum, not its date: a venv restored by a
# publishing host's cache (whose checkout dates every file now) is reused
# as long as requirements.txt is the same. requirements.txt is what a build
# needs; requirements-dev.txt adds the tests' and tools' packages on top.
STAMP := $(VENV)/.requirements-$(firstword $(shell cksum requirements.txt 2>/dev/null))
DEV_STAMP := $(VENV)/.requirements-dev-$(firstword $(shell cat requirements.txt requirements-dev.txt 2>/dev/null | cksum))
NPM_STAMP := node_modules/.installed-$(firstword $(shell cksum package-lock.json 2>/dev/null))
RUN := PYTHONPATH=plugins $(PY)
PORT ?= 8000

.PHONY: html publish serve test test-fast clean system-deps new deploy check edit forms init

$(STAMP):
	rm -f $(VENV)/.requirements-*
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): $(STAMP)
	rm -f $(VENV)/.requirements-dev-*
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Node packages (test tools, the browser editor), exact versions from the lock file.
$(NPM_STAMP):
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The browser editor goes into the published site when hoi.yaml names the
# association's Git host (a `git:` block): publish then needs Decap CMS.
EDITOR_PUBLISHED := $(shell grep -qs '^git:' hoi.yaml && echo yes)

html: $(STAMP)  ## development build into output/
	$(RUN) -m khuyenhoc.build pelicanconf.py

publish: $(STAMP) $(if $(EDITOR_PUBLISHED),$(NPM_STAMP))  ## production build (SITEURL=https://... to set the address)
	$(RUN) -m khuyenhoc.build publishconf.py

serve: $(STAMP)  ## build, serve on http://127.0.0.1:8000 and reload on every change
	$(RUN) -m khuyenhoc.preview.server --port $(PORT)

init: $(STAMP)  ## make the site your association's: asks (or NAME="..." SHORT_NAME="..." ...), writes hoi.yaml, removes the sample (FORCE=1 over a site with its own content)
	$(RUN) -m khuyenhoc.commands.init_site

new: $(STAMP)  ## new article: make new TITLE="Tiêu đề bài viết" [DATE=2025-11-20]
	$(RUN) -m khuyenhoc.commands.new_article

deploy: $(STAMP)  ## production build, then upload to DEPLOY_TARGET (rsync or ftp://)
	$(RUN) -m khuyenhoc.commands.deploy

check: $(STAMP)  ## check data/ and the articles' front matter in a second, without building
	$(RUN) -m khuyenhoc.commands.check pelicanconf.py

forms: $(STAMP)  ## forms for the units to fill in, one workbook per dataset, into bieu-mau/ (NAM=2025: the year)
	$(RUN) -m khuyenhoc.commands.forms pelicanconf.py

edit: $(STAMP) $(NPM_STAMP)  ## edit in the browser at http://127.0.0.1:8000/admin/ (Decap CMS, decap-server)
	$(RUN) -m khuyenhoc.commands.edit --port $(PORT)

LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

.PHONY: lighthouse
lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP) system-deps  ## Lighthouse scores (mobile) of the home, an article and the statistics page; writes LIGHTHOUSE.md
	$(PY) tools/lighthouse_report.py

# Pagefind, the search engine the benchmark measures ours against: only in
# bench/out/tools/, never in the site's environment.
BENCH_TOOLS := bench/out/tools/.installed
$(BENCH_TOOLS): bench/requirements.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade --target bench/out/tools -r bench/requirements.txt
	touch $@

.PHONY: bench
bench: $(DEV_STAMP) $(BENCH_TOOLS) system-deps  ## our build against bare Pelican, N = 100, 1000, 5000, and our search against Pagefind (BENCH_QUICK=1: a short run); writes BENCHMARKS.md
	$(PY) -m bench.run

system-deps:  ## Debian packages the browser and HTML tests need
	bash tools/system-deps.sh

test: $(DEV_STAMP) $(NPM_STAMP) system-deps  ## the whole test suite
	$(RUN) -m pytest

test-fast: $(DEV_STAMP)  ## the inner loop: all but the browser and slow tests, on every core
	$(RUN) -m pytest -m "not browser and not slow" -n auto -q

clean:
	rm -rf output cache .pytest_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
