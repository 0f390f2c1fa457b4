# Jessy: the developer's commands. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

MVN := ./mvnw
CORE_JAR := jessy-core/target/quarkus-app/quarkus-run.jar
API_JAR := jessy-api/target/quarkus-app/quarkus-run.jar
SOURCES := $(shell find jessy-engine/src jessy-web/src jessy-core/src jessy-api/src -type f 2>/dev/null) $(wildcard pom.xml */pom.xml)

.PHONY: help run test bench fmt lint clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## .*$$' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(CORE_JAR) $(API_JAR) &: $(SOURCES)
	$(MVN) -q -pl jessy-core,jessy-api -am package -DskipTests -Djacoco.skip=true

run: $(CORE_JAR) $(API_JAR) ## Build if needed, run core and gateway without Docker; Ctrl-C stops both
	@scripts/run-local.sh

test: ## Run every test with the coverage gate (./mvnw verify)
	$(MVN) verify

bench: $(CORE_JAR) $(API_JAR) ## JMH pipeline throughput and gateway overhead (wrk); see docs/BENCHMARKS.md
	$(MVN) -q -pl jessy-bench -am install -DskipTests -Djacoco.skip=true
	$(MVN) -q -pl jessy-bench exec:exec
	scripts/bench-gateway.sh

fmt: ## Format Java sources (google-java-format via Spotless)
	$(MVN) -q spotless:apply

lint: ## Check formatting
	$(MVN) -q spotless:check

clean: ## Remove build output
	$(MVN) -q clean
