# Every target creates the project's virtual environment on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
NPM_STAMP := node_modules/.installed
RUN := PYTHONPATH=plugins $(PY)
PORT ?= 8000

.PHONY: html publish serve test test-fast clean system-deps new deploy check edit

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Node packages (test tools, the browser editor), exact versions from the lock file.
$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

html: $(STAMP)  ## development build into output/
	$(RUN) -m khuyenhoc.build pelicanconf.py

publish: $(STAMP)  ## production build (SITEURL=https://... to set the address)
	$(RUN) -m khuyenhoc.build publishconf.py

serve: $(STAMP)  ## build, serve on http://127.0.0.1:8000 and reload on every change
	$(RUN) -m khuyenhoc.serve --port $(PORT)

new: $(STAMP)  ## new article: make new TITLE="Tiêu đề bài viết" [DATE=2025-11-20]
	$(RUN) -m khuyenhoc.new_article

deploy: $(STAMP)  ## production build, then upload to DEPLOY_TARGET (rsync or ftp://)
	$(RUN) -m khuyenhoc.deploy

check: $(STAMP)  ## check data/ and the articles' front matter in a second, without building
	$(RUN) -m khuyenhoc.check pelicanconf.py

edit: $(STAMP) $(NPM_STAMP)  ## edit in the browser at http://127.0.0.1:8000/admin/ (Decap CMS, decap-server)
	$(RUN) -m khuyenhoc.edit --port $(PORT)

LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

.PHONY: lighthouse
lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP) system-deps  ## Lighthouse scores (mobile) of the home, an article and the statistics page; writes LIGHTHOUSE.md
	$(PY) tools/lighthouse_report.py

.PHONY: bench
bench: $(STAMP)  ## our build against bare Pelican, N = 100, 1000, 5000 (BENCH_QUICK=1: a short run); writes BENCHMARKS.md
	$(PY) -m bench.run

system-deps:  ## Debian packages the browser and HTML tests need
	bash tools/system-deps.sh

test: $(STAMP) $(NPM_STAMP) system-deps  ## the whole test suite
	$(RUN) -m pytest

test-fast: $(STAMP)  ## the inner loop: all but the browser and slow tests, on every core
	$(RUN) -m pytest -m "not browser and not slow" -n auto -q

clean:
	rm -rf output cache .pytest_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
