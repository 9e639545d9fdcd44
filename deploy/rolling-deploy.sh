#!/bin/sh
# A rolling deploy on one host with systemd/gardeline-*.service: at every moment one web instance
# answers Twilio. Run as root from the new release's folder, after `npm ci`.
#   ./deploy/rolling-deploy.sh /opt/gardeline/releases/2026-11-29
set -eu
release=${1:?usage: rolling-deploy.sh <release folder>}

ln -sfn "$release" /opt/gardeline/current

# 1. Migrations first, as their own step: a failing one stops the deploy before any restart.
#    They must be additive (the old code still runs on the new schema until step 3 is done).
systemctl start gardeline-migrate

# 2. Until /readyz answers 200 (database or rota reachable, not draining).
wait_ready() {
  for _ in $(seq 1 60); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$1/readyz"; then return 0; fi
    sleep 1
  done
  echo "instance on port $1 is not ready after 60 s: stopping the deploy" >&2
  exit 1
}

# 3. One instance at a time. SIGTERM drains (listener closed at once: nginx sends the next
#    requests to the other instance; in-flight webhooks finish; exit within 10 s).
#    Then wait past nginx's fail_timeout (2 s): until then nginx may still count the restarted
#    instance as failed, and restarting the other one would leave it none (502 to Twilio).
for port in 3001 3002; do
  systemctl restart "gardeline-web@$port"
  wait_ready "$port"
  sleep 3
done

# 4. The worker last: active jobs finish or are taken again after their lock expires.
systemctl restart gardeline-worker
echo "deployed $release"
