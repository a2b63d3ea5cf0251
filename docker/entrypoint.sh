#!/bin/sh
# Container entry point. The command chooses the process; both are the entry points `npm run dev` and the
# test suite start (docker/check verifies it). `exec` keeps node the direct child of tini, so SIGTERM reaches it.
set -eu
cd /app

role="${1:-server}"
[ "$#" -gt 0 ] && shift

case "$role" in
  server) exec node packages/server/dist/main.js "$@" ;;
  worker) exec node packages/engine/dist/worker/main.js "$@" ;;
  healthcheck) exec node docker/healthcheck.js "$@" ;;
  # Anything else runs as given, e.g. `docker compose run --rm server sh`.
  *) exec "$role" "$@" ;;
esac
