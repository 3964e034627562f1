#!/bin/sh
# Writes what prometheus.yml reads from files (the scrape token and the public URLs to probe), then starts
# Prometheus. Without METRICS_TOKEN the services hide /metrics in production, so starting would only show them down.
set -eu
if [ -z "${METRICS_TOKEN:-}" ]; then
  echo 'prometheus refuses to start: set METRICS_TOKEN (openssl rand -hex 32) for the services and Prometheus' >&2
  exit 1
fi
mkdir -p /tmp/aerostic
umask 077
printf '%s' "$METRICS_TOKEN" > /tmp/aerostic/metrics-token
printf '[{"targets":["https://%s/api/health","https://%s/api/health","https://%s/health"],"labels":{"probe":"public"}}]\n' \
  "$APP_HOST" "$ADMIN_HOST" "$API_HOST" > /tmp/aerostic/probe-targets.json
exec /bin/prometheus \
  --config.file=/etc/prometheus/prometheus.yml \
  --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-30d}"
