#!/usr/bin/env bash
# npm start with no DATABASE_URL: /health must answer 200, and SIGTERM must leave no postgres of ours.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data_dir=$(mktemp -d /tmp/orchestrator-smoke-XXXX)
log="$data_dir/start.log"
ours() { { pgrep -f 'native/bin/postgres -D' || true; } | sort; }
before=$(ours)
( unset DATABASE_URL; PORT=$port DATA_DIR="$data_dir/data" exec npm start >"$log" 2>&1 ) &
npm_pid=$!
healthy=""
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then healthy=yes; break; fi
  sleep 0.5
done
node_pid=$(pgrep -n -f "node dist/src/main.js" || true)
if [ -z "$healthy" ] || [ -z "$node_pid" ]; then echo "smoke: /health never answered 200"; cat "$log"; [ -n "$node_pid" ] && kill -TERM "$node_pid"; exit 1; fi
echo "smoke: /health 200 on port $port"
kill -TERM "$node_pid"
for _ in $(seq 1 40); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.25; done
wait "$npm_pid" 2>/dev/null || true
sleep 0.5
left=$(comm -13 <(echo "$before") <(ours))
if [ -n "$left" ]; then
  echo "smoke: a postgres process of ours is still running after SIGTERM:"; ps -o pid,args -p $left; exit 1
fi
echo "smoke: SIGTERM left no postgres process"
rm -rf "$data_dir"
