# Two commands do everything on a fresh Debian 12 machine with Python 3.11 and Node 20:
#   make demo   build everything and start JupyterLab against the local sandbox
#   make test   lint, jest, pytest, spark-jobs and UI tests in Chromium
# Everything else here is a step of those two. Large downloads are cached under $(CACHE).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
export AWS_SPARK_ML_CACHE ?= $(HOME)/.cache/jupyterlab-aws-spark-ml
CACHE := $(AWS_SPARK_ML_CACHE)
# Debian's Java 17: the Java of EMR 7.x and Glue 5.0.
export JAVA_HOME ?= /usr/lib/jvm/java-17-openjdk-amd64
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_PORT ?= 8888
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
STAMPS := $(VENV)/.stamps
FRONTEND_SOURCES := $(shell find src style schema -type f 2>/dev/null) package.json tsconfig.json

.PHONY: help demo demo-port test setup system-deps lint jest pytest spark-jobs notebooks ui-tests bench clean

help:
	@echo "make demo   - build everything and start JupyterLab on http://127.0.0.1:$(DEMO_PORT)/lab (local sandbox)"
	@echo "             DEV=1: the development build of the labextension (readable, source maps)"
	@echo "make test   - lint, jest, pytest, spark-jobs, notebooks and UI tests in Chromium"
	@echo "make bench  - benchmarks; results in bench/RESULTS.md"

# --- set-up -------------------------------------------------------------------------------------

# Debian packages: Java 17 for Spark/Livy, Chromium for UI tests, krb5 headers for sparkmagic's
# Kerberos support (gssapi has no wheel for this platform). Installed only when missing.
$(STAMPS)/system: | $(STAMPS)
	@missing=""; \
	[ -x "$(JAVA_HOME)/bin/java" ] || missing="$$missing openjdk-17-jre-headless"; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium fonts-liberation"; \
	command -v krb5-config >/dev/null || missing="$$missing libkrb5-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@touch $@

$(STAMPS):
	@$(PYTHON) -m venv $(VENV)
	@mkdir -p $(STAMPS)

$(STAMPS)/python: pyproject.toml $(STAMPS)/system | $(STAMPS)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q "jupyterlab>=4.2,<5" "hatchling>=1.5" "hatch-jupyter-builder>=0.5" "hatch-nodejs-version>=0.3.2" editables
	@touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# pyproject.toml's dependencies and the sandbox and test extras, one requirement a line.
define REQUIREMENTS
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
extras = project["optional-dependencies"]
print("\n".join(project["dependencies"] + extras["sandbox"] + extras["test"]))
endef
export REQUIREMENTS

# The labextension (tsc + webpack): the production build by default, minified and tree-shaken as
# in the wheel; `make demo DEV=1` builds the development one (readable, source maps). One stamp
# per kind, so switching kinds rebuilds, and so does any change to the sources.
LABEXTENSION_KIND := $(if $(filter 1,$(DEV)),dev,prod)
LABEXTENSION := $(STAMPS)/labextension-$(LABEXTENSION_KIND)
$(LABEXTENSION): $(STAMPS)/python node_modules/.stamp $(FRONTEND_SOURCES)
	npm run $(if $(filter dev,$(LABEXTENSION_KIND)),build,build:prod)
	@rm -f $(STAMPS)/labextension-*
	@touch $@

# The package itself in editable mode with both halves (the labextension is linked, not copied,
# so a rebuild of it needs no reinstall).
$(STAMPS)/build: $(STAMPS)/python node_modules/.stamp pyproject.toml | $(LABEXTENSION)
	# Dependencies first, each built in its own isolated environment (gssapi, for one, is an
	# sdist that needs Cython to build); then the package itself against this venv's hatchling.
	$(BIN)/python -c "$$REQUIREMENTS" > $(VENV)/requirements.txt
	$(BIN)/pip install -q -r $(VENV)/requirements.txt
	# The labextension is built by its own target, so the Python build hook need not build it.
	SKIP_JUPYTER_BUILDER=1 $(BIN)/pip install -q --no-build-isolation --no-deps -e .
	$(BIN)/jupyter labextension develop --overwrite . >/dev/null
	$(BIN)/jupyter server extension enable --sys-prefix jupyterlab_aws_spark_ml >/dev/null
	@touch $@

# Maven Central jars for S3A and Livy, cached in $(CACHE) so the sandbox never downloads at run time.
$(STAMPS)/jars: $(STAMPS)/build
	$(BIN)/python -m jupyterlab_aws_spark_ml.sandbox.engines fetch
	@touch $@

setup: $(STAMPS)/build $(LABEXTENSION) $(STAMPS)/jars

# --- the two commands -----------------------------------------------------------------------------

# The port first, before minutes of set-up: a busy port ends here, saying which one to use.
demo: demo-port setup
	@echo
	@echo "Starting JupyterLab against the local sandbox (no AWS account needed)."
	@echo "Open the URL printed below (it carries the token); the sidebar 'AWS Spark & ML' shows 'Local sandbox'."
	@echo
	$(BIN)/jupyter lab --AwsSparkML.mode=sandbox --ServerApp.ip=127.0.0.1 --ServerApp.port=$(DEMO_PORT) \
	  --ServerApp.port_retries=0 --no-browser --ServerApp.root_dir=$(CURDIR) $(ALLOW_ROOT) \
	  --LabApp.default_url=/lab/tree/notebooks/no2-air-quality.ipynb

demo-port:
	@$(PYTHON) jupyterlab_aws_spark_ml/ports.py $(DEMO_PORT) --hint "make demo DEMO_PORT={port}"

test: setup lint jest pytest ui-tests
	@echo "make test: all suites passed"

lint: $(STAMPS)/build
	npm run lint
	$(BIN)/ruff check jupyterlab_aws_spark_ml spark-jobs bench
	$(BIN)/ruff format --check jupyterlab_aws_spark_ml spark-jobs bench

jest: node_modules/.stamp
	npx jest --ci

pytest: setup
	$(BIN)/python -m pytest -p no:cacheprovider -q

spark-jobs: setup
	$(BIN)/python -m pytest -p no:cacheprovider -q spark-jobs

ui-tests/node_modules/.stamp: ui-tests/package.json ui-tests/package-lock.json
	cd ui-tests && npm ci --no-audit --no-fund
	@touch $@

ui-tests: setup ui-tests/node_modules/.stamp
	cd ui-tests && npx playwright test

bench: setup
	@for b in bench/*/run.py; do echo "== $$b"; $(BIN)/python $$b; done

clean:
	rm -rf lib jupyterlab_aws_spark_ml/labextension tsconfig.tsbuildinfo node_modules ui-tests/node_modules $(VENV)
