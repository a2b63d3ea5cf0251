#!/bin/sh
# One-shot Temporal setup for compose.prod.yml, run in temporalio/admin-tools. Idempotent, so it runs on every
# `up`; after an image upgrade `schema` applies the new versioned migrations.
#   schema     create the databases and apply the SQL schema (before the Temporal server starts)
#   namespace  create the namespace and Hookflow's search attributes (once the server answers)
set -eu

namespace="${TEMPORAL_NAMESPACE:-default}"
address="${TEMPORAL_ADDRESS:-temporal:7233}"

# Retries a command for up to 3 minutes: the server and its caches come up asynchronously.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 90 ]; then
      echo "temporal-setup: giving up on: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

sql() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" "$@"
}

ensure_namespace() {
  temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1 ||
    temporal operator namespace create --address "$address" --namespace "$namespace" \
      --retention "${TEMPORAL_RETENTION:-720h}"
}

# The same list as packages/engine/src/temporal/search-attributes.ts (docker/check compares).
# One per call: with several --name the CLI creates only the first. Re-creating one with the same type succeeds.
create_search_attributes() {
  for attribute in HookflowWorkflowId=Keyword HookflowWorkflowName=Keyword HookflowTriggerType=Keyword \
    HookflowVersion=Int; do
    temporal operator search-attribute create --address "$address" --namespace "$namespace" \
      --name "${attribute%=*}" --type "${attribute#*=}" || return 1
  done
}

# Succeeds once the frontend accepts a query naming every attribute, i.e. a run may set them.
search_attributes_usable() {
  temporal workflow count --address "$address" --namespace "$namespace" \
    --query "HookflowWorkflowId = '' OR HookflowWorkflowName = '' OR HookflowTriggerType = '' OR HookflowVersion = 0" \
    >/dev/null
}

case "${1:-}" in
  schema)
    versioned=/etc/temporal/schema/postgresql/v12
    retry sql --db temporal create
    sql --db temporal setup-schema -v 0.0
    sql --db temporal update-schema -d "$versioned/temporal/versioned"
    sql --db temporal_visibility create
    sql --db temporal_visibility setup-schema -v 0.0
    sql --db temporal_visibility update-schema -d "$versioned/visibility/versioned"
    echo 'temporal-setup: schema is up to date'
    ;;
  namespace)
    retry temporal operator cluster health --address "$address"
    retry ensure_namespace
    retry create_search_attributes
    retry search_attributes_usable
    echo "temporal-setup: namespace $namespace and Hookflow search attributes are ready"
    ;;
  *)
    echo "usage: $0 schema|namespace" >&2
    exit 2
    ;;
esac
