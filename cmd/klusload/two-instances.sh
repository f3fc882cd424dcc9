#!/bin/sh
# Starts two Klusbuddy instances on one database and runs klusload against them with the
# arguments given; stops both at the end. The database: DATABASE_URL, else TEST_DATABASE_URL
# (which `go run ./cmd/pgtmp --` sets to a throwaway cluster). An empty database gets the demo
# data (its admin creates the run's organisation).
#
#   go run ./cmd/pgtmp -- cmd/klusload/two-instances.sh -mode steady
#   DATABASE_URL=postgres://…/klusload cmd/klusload/two-instances.sh -mode ramp
#
# The instances trust a push service on 127.0.0.1 whose certificate klusload writes for -mode
# pushes (Go reads SSL_CERT_FILE at the first TLS connection, which is that mode's first push).
# Ports: 8181 and 8182, metrics on 9191 and 9192 (KLUSLOAD_PORT_A/B, KLUSLOAD_METRICS_A/B).
set -eu
cd "$(dirname "$0")/../.."
db="${DATABASE_URL:-${TEST_DATABASE_URL:?set DATABASE_URL, or run under go run ./cmd/pgtmp --}}"
a="${KLUSLOAD_PORT_A:-8181}"
b="${KLUSLOAD_PORT_B:-8182}"
bin="$(mktemp -d)"
go build -o "$bin/klusbuddy" ./cmd/klusbuddy
go build -o "$bin/klusload" ./cmd/klusload
pids=""
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
	for p in $pids; do wait "$p" 2>/dev/null || true; done
	rm -rf "$bin"
}
trap cleanup EXIT INT TERM
start() { # port metrics-port
	DATABASE_URL="$db" KLUSBUDDY_ADDR="127.0.0.1:$1" KLUSBUDDY_METRICS_ADDR="127.0.0.1:$2" \
		KLUSBUDDY_TRUSTED_PROXIES=127.0.0.1/32 KLUSBUDDY_LOG_LEVEL=warn \
		KLUSBUDDY_PUSH_HOSTS=127.0.0.1 SSL_CERT_FILE="$bin/push-standin.pem" \
		"$bin/klusbuddy" serve --demo >"$bin/instance-$1.log" 2>&1 &
	pids="$pids $!"
	for _ in $(seq 1 120); do
		curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	cat "$bin/instance-$1.log"
	echo "instance on port $1 did not become ready" >&2
	exit 1
}
ma="${KLUSLOAD_METRICS_A:-9191}"
mb="${KLUSLOAD_METRICS_B:-9192}"
start "$a" "$ma" # the first alone: it migrates and loads the demo data
start "$b" "$mb"
echo "instances: pids$pids"
"$bin/klusload" -urls "http://127.0.0.1:$a,http://127.0.0.1:$b" \
	-metrics "http://127.0.0.1:$ma/metrics,http://127.0.0.1:$mb/metrics" -push-cert "$bin/push-standin.pem" "$@"
