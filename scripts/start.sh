#!/usr/bin/env bash
# One command for a working Haki on this machine: Node 24, dependencies, Kafka + FerretDB + Redis
# (native, see deploy/local), then the four services with the demo roster and demo contacts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
cd "$ROOT"
source deploy/local/node.sh
[ -d node_modules ] || npm ci

eval "$(bash deploy/local/infra.sh up)"   # prints KAFKA_BROKERS, MONGO_URL, REDIS_URL
export KAFKA_BROKERS MONGO_URL REDIS_URL

# Local PII and contact keys, made once and kept out of git. Production keys come from a secret store.
mkdir -p "$RUN_DIR/logs"
for key in pii contact link; do
  [ -f "$RUN_DIR/$key.key" ] || (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))" > "$RUN_DIR/$key.key")
done
# The secret path of the SMS provider's callback URLs (inbound replies, delivery reports).
[ -f "$RUN_DIR/webhook.secret" ] || (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(24).toString('base64url'))" > "$RUN_DIR/webhook.secret")
export AT_WEBHOOK_SECRET="$(cat "$RUN_DIR/webhook.secret")"
export PII_KEYS="local1:$(cat "$RUN_DIR/pii.key")" PII_ACTIVE_KEY_ID=local1
export CONTACT_KEYS="local1:$(cat "$RUN_DIR/contact.key")" CONTACT_ACTIVE_KEY_ID=local1
# Signed links in messages: answer pages on notification, the brief on intake (their public origins here).
export LINK_KEYS="local1:$(cat "$RUN_DIR/link.key")" LINK_ACTIVE_KEY_ID=local1
export PUBLIC_BASE_URL=http://127.0.0.1:4003 BRIEF_BASE_URL=http://127.0.0.1:4001
export SEED_DEMO_ROSTER=true SEED_DEMO_CONTACTS=true LOG_LEVEL="${LOG_LEVEL:-info}"

# A local mail catcher: emails (confirmation copies, offers to volunteers who prefer email) land as
# .eml files in $RUN_DIR/mail/ and go nowhere else.
if ! pid_alive "$RUN_DIR/mail-catcher.pid"; then
  MAIL_DIR="$RUN_DIR/mail" setsid nohup node -r @swc-node/register tools/mail-catcher/src/main.ts >>"$RUN_DIR/logs/mail-catcher.log" 2>&1 &
  echo $! >"$RUN_DIR/mail-catcher.pid"
fi
export SMTP_HOST=127.0.0.1 SMTP_PORT=1025 EMAIL_FROM='Haki demo <haki@localhost>'

for service in "${SERVICES[@]}"; do
  pidfile="$RUN_DIR/$service.pid"
  if pid_alive "$pidfile"; then echo "$service already running (pid $(cat "$pidfile"))"; continue; fi
  PORT="${SERVICE_PORT[$service]}" MONGO_DB="${SERVICE_DB[$service]}" \
    setsid nohup node -r @swc-node/register "apps/$service/src/main.ts" >>"$RUN_DIR/logs/$service.log" 2>&1 &
  echo $! >"$pidfile"
done

for service in "${SERVICES[@]}"; do
  port="${SERVICE_PORT[$service]}"
  # Up to 2 minutes: a service started while the broker restarts waits for it (and for its consumer group).
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    if ! pid_alive "$RUN_DIR/$service.pid"; then
      echo "ERROR: $service exited during startup. Last log lines:" >&2
      tail -n 20 "$RUN_DIR/logs/$service.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "ERROR: $service not ready after 120 s; see $RUN_DIR/logs/$service.log" >&2; exit 1; }
  echo "$service ready on http://127.0.0.1:$port"
done

cat <<MSG

Haki is running with a demo roster (11 volunteers: Nairobi, Eldoret, Kisumu, Mombasa, Nakuru).
Logs: $RUN_DIR/logs/   Emails: $RUN_DIR/mail/   Stop: npm run stop

Submit a referral:
  curl -s -X POST http://127.0.0.1:4001/referrals -H 'content-type: application/json' \\
    -d '{"serviceType":"postmortem","urgency":"critical","county":"Turkana","subject":{"name":"Example Person"},"referrer":{"name":"Example Church","phone":"+254700000001"}}'
Then follow its case (use the referralId from the answer):
  curl -s http://127.0.0.1:4004/cases/<referralId>
Accept an offer as ops would after a phone call (an offerId from the case's roles[].offers[]):
  curl -s -X POST http://127.0.0.1:4002/offers/<offerId>/responses -H 'content-type: application/json' -d '{"response":"accept","recordedBy":"ops-demo"}'
Or watch a volunteer accept by SMS, end to end (a referral, its offer SMS, the reply "NDIYO <code>"):
  npm run demo:sms
MSG
