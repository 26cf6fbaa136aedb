#!/usr/bin/env bash
# npm start with no DATABASE_URL: /health 200 and a worker process beside it, a token created, SIGTERM leaves no postgres and no worker;
# a second start on the same data is healthy again and the token still works.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data_dir=$(mktemp -d /tmp/orchestrator-smoke-XXXX)
admin="smoke-admin-token-0123456789"

start_service() { # $1: label; sets node_pid, pg_pid, npm_pid
  local log="$data_dir/$1.log" t0 healthy=""
  t0=$(date +%s.%N)
  ( unset DATABASE_URL; PORT=$port DATA_DIR="$data_dir/data" ADMIN_TOKEN=$admin exec npm start >"$log" 2>&1 ) &
  npm_pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then healthy=yes; break; fi
    sleep 0.25
  done
  node_pid=$(pgrep -n -f "dist/src/main.js" || true)
  if [ -z "$healthy" ] || [ -z "$node_pid" ]; then echo "smoke: /health never answered 200 ($1)"; cat "$log"; [ -n "$node_pid" ] && kill -TERM "$node_pid"; exit 1; fi
  echo "smoke: $1: /health 200 after $(echo "$(date +%s.%N) - $t0" | bc) s (including the build by npm start)"
  pg_pid=$(pgrep -P "$node_pid" -f 'bin/postgres' || true)
  [ -n "$pg_pid" ] || { echo "smoke: found no embedded postgres child of the service"; exit 1; }
  for _ in $(seq 1 40); do worker_pid=$(pgrep -P "$node_pid" -f 'dist/src/worker.js' || true); [ -n "$worker_pid" ] && break; sleep 0.25; done
  [ -n "$worker_pid" ] || { echo "smoke: found no worker process beside the service"; exit 1; }
}

stop_service() {
  kill -TERM "$node_pid"
  for _ in $(seq 1 40); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.25; done
  wait "$npm_pid" 2>/dev/null || true
  sleep 0.5
  if kill -0 "$pg_pid" 2>/dev/null; then
    echo "smoke: the embedded postgres (pid $pg_pid) is still running after SIGTERM"; ps -o pid,args -p "$pg_pid"; exit 1
  fi
  if kill -0 "$worker_pid" 2>/dev/null; then echo "smoke: the worker process (pid $worker_pid) is still running after SIGTERM"; exit 1; fi
  echo "smoke: SIGTERM left no postgres and no worker process"
}

start_service "first start"
token=$(curl -fsS -X POST "http://127.0.0.1:$port/api/tokens" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"smoke","role":"po"}' | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).token))")
stop_service
start_service "restart"
curl -fsS "http://127.0.0.1:$port/api/rota" -H "Authorization: Bearer $token" >/dev/null || { echo "smoke: the token created before the restart is gone"; exit 1; }
echo "smoke: the token created before the restart still works"
stop_service
rm -rf "$data_dir"
