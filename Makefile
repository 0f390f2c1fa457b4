# Jessy: the developer's commands. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

MVN := ./mvnw
CORE_JAR := jessy-core/target/quarkus-app/quarkus-run.jar
API_JAR := jessy-api/target/quarkus-app/quarkus-run.jar
SOURCES := $(shell find jessy-engine/src jessy-web/src jessy-core/src jessy-api/src -type f 2>/dev/null) $(wildcard pom.xml */pom.xml)

# docker compose reads .env (ports, settings, local base images from docker/base-images.sh) itself.
COMPOSE := docker compose
COMPOSE_PROD := $(COMPOSE) -f docker-compose.yml -f docker-compose.prod.yml
JESSY_PORT ?= $(or $(shell sed -n 's/^JESSY_PORT=//p' .env 2>/dev/null),8080)
PROMETHEUS_PORT ?= $(or $(shell sed -n 's/^PROMETHEUS_PORT=//p' .env 2>/dev/null),9090)
GRAFANA_PORT ?= $(or $(shell sed -n 's/^GRAFANA_PORT=//p' .env 2>/dev/null),3001)
JAEGER_UI_PORT ?= $(or $(shell sed -n 's/^JAEGER_UI_PORT=//p' .env 2>/dev/null),16686)
API_PORT ?= $(or $(shell sed -n 's/^API_PORT=//p' .env 2>/dev/null),3000)
API_TLS_PORT ?= $(or $(shell sed -n 's/^API_TLS_PORT=//p' .env 2>/dev/null),3443)
# The CA `make health` trusts for the gateway's HTTPS port (make certs writes it).
TLS_CA ?= certs/ca.crt

define urls
	@echo ""
	@echo "  gateway  http://localhost:$(API_PORT)    console /, API /api/v1, health /api/health, metrics /api/metrics"
	@echo "  core     http://localhost:$(JESSY_PORT)    health /health, metrics /metrics, status /status$(1)"
	@echo ""
endef

.PHONY: help prepare certs up up-prod monitor monitor-prod down build rebuild restart ps logs logs-core logs-api shell-core shell-api \
	watch health run test test-unit test-integration test-bdd test-swarm test-kubernetes swarm-up swarm-scale swarm-down coverage ci bench fmt lint doctor clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## .*$$' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-17s\033[0m %s\n", $$1, $$2}'

# --- Containers -------------------------------------------------------------------------------------
prepare: ## Docker engine and base images, local ones when no registry answers (every stack target runs it)
	scripts/prepare-images.sh

up: prepare ## Start the development stack (live reload) and wait until it is healthy
	$(COMPOSE) up -d --wait
	$(call urls)

up-prod: prepare certs ## Start the production stack (hardened images; only the gateway is published, HTTPS)
	$(COMPOSE_PROD) up -d --build --wait
	@echo ""
	@echo "  gateway  https://localhost:$(API_TLS_PORT)    console /, API /api/v1, health /api/health"
	@echo "           curl --cacert certs/ca.crt https://localhost:$(API_TLS_PORT)/api/health   (trust certs/ca.crt: README, TLS)"
	@echo ""

certs: ## A local CA and the gateway's HTTPS certificate in certs/ (kept if present; scripts/certs.sh --renew)
	@scripts/certs.sh

swarm-up: ## The stack on Docker Swarm (deploy/swarm/): 3 core replicas on PostgreSQL, 2 gateways
	scripts/swarm.sh up

swarm-scale: ## Scale the Swarm stack's core: make swarm-scale CORE=5
	scripts/swarm.sh scale $(or $(CORE),$(error set CORE, e.g. make swarm-scale CORE=5))

swarm-down: ## Remove the Swarm stack (and the one-node swarm, if swarm-up made it); the data volume stays
	scripts/swarm.sh down

monitor: ## Add Prometheus, Grafana and Jaeger to the running stack (tracing on); prints their URLs
	scripts/prepare-images.sh builder postgres prometheus
	JAEGER_ENABLED=true $(COMPOSE) --profile monitoring up -d --wait
	@echo ""
	@echo "  Prometheus  http://localhost:$(PROMETHEUS_PORT)    targets /targets, alerts /alerts"
	@echo "  Grafana     http://localhost:$(GRAFANA_PORT)    dashboards in the Jessy folder (anonymous: view only)"
	@echo "  Jaeger      http://localhost:$(JAEGER_UI_PORT)   traces of jessy-api and jessy-core"
	@echo ""

monitor-prod: ## The same beside the production stack (make up-prod)
	scripts/prepare-images.sh builder postgres prometheus
	JAEGER_ENABLED=true $(COMPOSE_PROD) --profile monitoring up -d --wait
	@echo ""
	@echo "  Prometheus  http://localhost:$(PROMETHEUS_PORT)   Grafana http://localhost:$(GRAFANA_PORT)   Jaeger http://localhost:$(JAEGER_UI_PORT)"
	@echo ""

down: ## Stop the stack (development or production) and remove its containers; volumes stay
	$(COMPOSE_PROD) --profile postgres --profile test --profile monitoring down --remove-orphans

build: prepare ## Build the development images
	$(COMPOSE) build

rebuild: prepare ## Rebuild the development images from scratch and restart the stack
	$(COMPOSE) build --no-cache
	$(COMPOSE) up -d --wait --force-recreate
	$(call urls)

restart: ## Restart the services of the running stack
	$(COMPOSE) restart jessy-core jessy-api

ps: ## Show the stack's containers and their health
	$(COMPOSE) ps

logs: ## Follow the logs of every service
	$(COMPOSE) logs -f

logs-core: ## Follow jessy-core's logs
	$(COMPOSE) logs -f jessy-core

logs-api: ## Follow jessy-api's logs
	$(COMPOSE) logs -f jessy-api

# EXEC_FLAGS=-T runs the shell without a terminal (scripts feed it commands; the stack test does).
shell-core: ## A shell in the development jessy-core container
	$(COMPOSE) exec $(EXEC_FLAGS) jessy-core bash

shell-api: ## A shell in the development jessy-api container
	$(COMPOSE) exec $(EXEC_FLAGS) jessy-api bash

watch: ## Run jessy-core in Quarkus dev mode on this machine (live reload, no Docker; .env applies)
	source scripts/dotenv.sh && load_dotenv .env && $(MVN) -pl jessy-core -am test-compile quarkus:dev -DskipTests

health: ## Ask both services whether they are healthy (the gateway over HTTPS when that is all it publishes)
	@if curl -s -m 2 -o /dev/null http://localhost:$(API_PORT)/api/health/live; then \
	  curl -sS -m 5 --fail-with-body http://localhost:$(API_PORT)/api/health; \
	else \
	  curl -sS -m 5 --fail-with-body --cacert $(TLS_CA) https://localhost:$(API_TLS_PORT)/api/health; \
	fi && echo
	@curl -fs -m 5 http://localhost:$(JESSY_PORT)/health/ready && echo \
	  || echo "(core not reachable on :$(JESSY_PORT); in production only the gateway is published)"

# --- Without Docker -----------------------------------------------------------------------------
$(CORE_JAR) $(API_JAR) &: $(SOURCES)
	$(MVN) -q -pl jessy-core,jessy-api -am package -DskipTests -Djacoco.skip=true

run: $(CORE_JAR) $(API_JAR) ## Build if needed, run core and gateway without Docker; Ctrl-C stops both
	@scripts/run-local.sh

# --- Tests --------------------------------------------------------------------------------------
test: ## Every test with the coverage gate, on this machine (./mvnw verify)
	$(MVN) verify

test-unit: prepare ## Unit tests in the jessy-test container; reports in ./test-results
	$(COMPOSE) --profile test build jessy-test
	$(COMPOSE) --profile test run --rm --no-deps jessy-test test

test-integration: ## The container stacks end to end (scripts/stack-test.sh: prod, postgres, dev)
	scripts/stack-test.sh

test-bdd: ## The black-box suite in its container against the production stack, then teardown
	scripts/stack-test.sh prod

coverage: prepare ## Unit tests + coverage gate in the jessy-test container; HTML in ./test-results/*/site/jacoco
	$(COMPOSE) --profile test build jessy-test
	$(COMPOSE) --profile test run --rm --no-deps jessy-test verify -pl jessy-engine,jessy-web,jessy-core,jessy-api
	@ls -d test-results/*/site/jacoco/index.html

test-swarm: ## The Swarm drill (scripts/swarm-test.sh): spread, rolling update and a kill under load, scaling, shared limits
	scripts/swarm-test.sh

test-kubernetes: ## Render the Kubernetes manifests (deploy/kubernetes) and check them; no cluster needed
	scripts/k8s-test.sh

ci: ## What CI runs: lint, every test with the coverage gate, the container stack test
	bash .ci/run

bench: $(CORE_JAR) $(API_JAR) ## JMH pipeline throughput, then the services' figures (wrk, nginx), recorded in docs/BENCHMARKS.md
	$(MVN) -q -pl jessy-bench -am install -DskipTests -Djacoco.skip=true
	$(MVN) -q -pl jessy-bench exec:exec
	scripts/bench-http.sh --record docs/BENCHMARKS.md

# --- Code ---------------------------------------------------------------------------------------
fmt: ## Format Java sources (google-java-format via Spotless)
	$(MVN) -q spotless:apply

lint: ## Formatting, shell scripts, compose files and the workflow (scripts/lint.sh)
	scripts/lint.sh

doctor: ## Check Docker, Compose v2, JDK and free ports; say what is missing
	@scripts/doctor.sh

clean: ## Remove build output and test reports
	$(MVN) -q clean
	rm -rf test-results
