# Thin wrapper over the npm scripts in package.json; `make help` lists the targets.
NPM ?= npm

.DEFAULT_GOAL := help

.PHONY: help install fmt lint typecheck test coverage build run demo sim bench docs-serve clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-12s %s\n", $$1, $$2}'

install: ## Install dependencies exactly as locked (npm ci)
	$(NPM) ci

fmt: ## Format and auto-fix (prettier + eslint --fix)
	$(NPM) run fmt

lint: ## Lint (eslint + prettier --check)
	$(NPM) run lint

typecheck: ## Type-check everything, tests and benchmarks included
	$(NPM) run typecheck

test: ## Lint, type-check, build and run all tests with coverage
	$(NPM) test

coverage: ## Run the jest suites with a coverage report
	$(NPM) run jest -- --coverage

build: ## Compile to dist/
	$(NPM) run build

run: ## Build and start the server (settings from the environment)
	$(NPM) start

demo: ## Build and start the server against the built-in simulator
	$(NPM) run demo

sim: ## Build and start the standalone Nautobot simulator
	$(NPM) run sim

bench: ## Build and run the REST invoke benchmark, updating bench/README.md
	$(NPM) run bench

docs-serve: ## Serve the documentation site locally (needs mkdocs)
	mkdocs serve

clean: ## Remove build output and coverage
	rm -rf dist coverage site
