# Jessy: the developer's commands. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

MVN := ./mvnw
CORE_JAR := jessy-core/target/quarkus-app/quarkus-run.jar
JESSY_PORT ?= 8080

.PHONY: help run test bench fmt lint clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## .*$$' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(CORE_JAR): $(shell find jessy-engine/src jessy-core/src -type f 2>/dev/null) pom.xml jessy-engine/pom.xml jessy-core/pom.xml
	$(MVN) -q -pl jessy-core -am package -DskipTests -Djacoco.skip=true

run: $(CORE_JAR) ## Build if needed and run the core on its embedded defaults (no Docker)
	@echo "jessy-core: http://localhost:$(JESSY_PORT)  (health /health, metrics /metrics, API /api/v1)"
	exec java -jar $(CORE_JAR)

test: ## Run every test with the coverage gate (./mvnw verify)
	$(MVN) verify

bench: ## Measure pipeline throughput with JMH (one thread); results: jessy-bench/target/jmh-result.json
	$(MVN) -q -pl jessy-bench -am install -DskipTests -Djacoco.skip=true
	$(MVN) -q -pl jessy-bench exec:exec

fmt: ## Format Java sources (google-java-format via Spotless)
	$(MVN) -q spotless:apply

lint: ## Check formatting
	$(MVN) -q spotless:check

clean: ## Remove build output
	$(MVN) -q clean
