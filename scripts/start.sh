#!/usr/bin/env bash
# One command for a working Haki on this machine: Node 24, dependencies, Kafka + FerretDB + Redis
# (native, see deploy/local), then the four services behind the gateway, with the demo roster, demo
# contacts and demo accounts (the demo profile: never in production).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
cd "$ROOT"
source deploy/local/node.sh
[ -d node_modules ] || npm ci

eval "$(bash deploy/local/infra.sh up)"   # prints KAFKA_BROKERS, KAFKA_CREDENTIALS_DIR, MONGO_URL, REDIS_URL, S3_* (evidence store tests)
# The services' topics, and what each may do on the broker (its own topics only): made before they start.
# A broker that is restarting (just started, or restarted by a chaos run) refuses connections for a few
# seconds: try again before giving up. The step is idempotent.
for attempt in 1 2 3 4 5 6; do
  KAFKA_TOPIC_PREFIX= bash scripts/kafka-access.sh && break # the services below run without a prefix
  [ "$attempt" = 6 ] && exit 1
  echo "kafka:access: the broker did not answer; trying again in 5 s" >&2
  sleep 5
done

# Local PII and contact keys, made once and kept out of git. Production keys come from a secret store.
mkdir -p "$RUN_DIR/logs"
for key in pii contact link account audit case; do
  [ -f "$RUN_DIR/$key.key" ] || (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))" > "$RUN_DIR/$key.key")
done
# The secret path of the SMS provider's callback URLs (inbound replies, delivery reports).
[ -f "$RUN_DIR/webhook.secret" ] || (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(24).toString('base64url'))" > "$RUN_DIR/webhook.secret")
[ -f "$RUN_DIR/ussd.secret" ] || (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(24).toString('base64url'))" > "$RUN_DIR/ussd.secret")
# The gateway signs service tokens with an Ed25519 key; the services hold its public half.
if [ ! -f "$RUN_DIR/service-token.key" ]; then
  (umask 077; RUN_DIR="$RUN_DIR" node -e "
    const { generateKeyPairSync } = require('crypto'); const { writeFileSync } = require('fs');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(process.env.RUN_DIR + '/service-token.pub', 'local1:' + publicKey.export({ format: 'der', type: 'spki' }).toString('base64'));
    writeFileSync(process.env.RUN_DIR + '/service-token.key', 'local1:' + privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));")
fi
# Demo accounts, one per role, with random passwords made once on this machine (npm run demo:accounts shows them).
node -r @swc-node/register tools/demo/src/demo-accounts.ts create "$RUN_DIR/demo-accounts.json"

# The staff web app, built into apps/web/dist (a few seconds) and served by the gateway at /app/.
npx vite build --config apps/web/vite.config.ts --logLevel warn

# A local mail catcher: emails (confirmation copies, offers to volunteers who prefer email) land as
# .eml files in $RUN_DIR/mail/ and go nowhere else.
if ! pid_alive "$RUN_DIR/mail-catcher.pid"; then
  MAIL_DIR="$RUN_DIR/mail" setsid nohup node -r @swc-node/register tools/mail-catcher/src/main.ts >>"$RUN_DIR/logs/mail-catcher.log" 2>&1 &
  echo $! >"$RUN_DIR/mail-catcher.pid"
fi

# Keys: the ones made above, unless the caller gives lists (a rotation: old and new key, the new one
# active, then `npm run keys:reseal`). Each process gets only the secrets it needs: the internet-facing
# gateway holds no PII, contact or link key, and no service holds the token signing key.
key_list() { echo "${!1:-local1:$(cat "$RUN_DIR/$2.key")}"; }
GATEWAY=http://127.0.0.1:4000
COMMON=(MONGO_URL="$MONGO_URL" REDIS_URL="$REDIS_URL" LOG_LEVEL="${LOG_LEVEL:-info}")
# Every service (not the gateway): the broker (as its own user, see env_for), the gateway's public key, the audit checkpoint key.
SERVICE=(KAFKA_BROKERS="$KAFKA_BROKERS" SERVICE_TOKEN_VERIFY_KEYS="$(cat "$RUN_DIR/service-token.pub")"
  AUDIT_KEYS="$(key_list AUDIT_KEYS audit)" AUDIT_ACTIVE_KEY_ID="${AUDIT_ACTIVE_KEY_ID:-local1}")
CONTACT=(CONTACT_KEYS="$(key_list CONTACT_KEYS contact)" CONTACT_ACTIVE_KEY_ID="${CONTACT_ACTIVE_KEY_ID:-local1}")
# Signed links in messages: notification signs them; answer pages (notification) and the brief (intake) verify them.
LINKS=(LINK_KEYS="$(key_list LINK_KEYS link)" LINK_ACTIVE_KEY_ID="${LINK_ACTIVE_KEY_ID:-local1}")
env_for() {
  case $1 in
    intake-service) echo "${SERVICE[@]}" PII_KEYS="$(key_list PII_KEYS pii)" PII_ACTIVE_KEY_ID="${PII_ACTIVE_KEY_ID:-local1}" "${LINKS[@]}" "${CONTACT[@]}" SEED_DEMO_ORGANISATIONS=true \
      USSD_WEBHOOK_SECRET="$(cat "$RUN_DIR/ussd.secret")" ;;
    matching-service) echo "${SERVICE[@]}" SEED_DEMO_ROSTER=true "${CONTACT[@]}" ;;
    notification-service)
      echo "${SERVICE[@]}" SEED_DEMO_CONTACTS=true "${CONTACT[@]}" "${LINKS[@]}" AT_WEBHOOK_SECRET="$(cat "$RUN_DIR/webhook.secret")" \
        PUBLIC_BASE_URL=$GATEWAY BRIEF_BASE_URL=$GATEWAY SMTP_HOST=127.0.0.1 SMTP_PORT=1025 ;;
    case-service) echo "${SERVICE[@]}" CASE_KEYS="$(key_list CASE_KEYS case)" CASE_ACTIVE_KEY_ID="${CASE_ACTIVE_KEY_ID:-local1}" EVIDENCE_DIR="$RUN_DIR/evidence" ;;
    gateway)
      echo INTAKE_URL=http://127.0.0.1:4001 MATCHING_URL=http://127.0.0.1:4002 NOTIFICATION_URL=http://127.0.0.1:4003 \
        CASE_URL=http://127.0.0.1:4004 SERVICE_TOKEN_SIGNING_KEY="$(cat "$RUN_DIR/service-token.key")" \
        ACCOUNT_KEYS="$(key_list ACCOUNT_KEYS account)" ACCOUNT_ACTIVE_KEY_ID="${ACCOUNT_ACTIVE_KEY_ID:-local1}" \
        HAKI_PROFILE=demo COOKIE_SECURE=false DEMO_ACCOUNTS_FILE="$RUN_DIR/demo-accounts.json" WEB_APP_DIR="$ROOT/apps/web/dist" ;;
  esac
}

for service in "${SERVICES[@]}"; do
  pidfile="$RUN_DIR/$service.pid"
  if pid_alive "$pidfile"; then echo "$service already running (pid $(cat "$pidfile"))"; continue; fi
  own_env=(METRICS_PORT="${METRICS_PORT[$service]}")
  [ "$service" = gateway ] || own_env+=(KAFKA_USERNAME="$service" KAFKA_PASSWORD_FILE="$KAFKA_CREDENTIALS_DIR/$service.password")
  # Keys are base64 (no spaces), so the word split of env_for's line is safe. The email sender has a space: set here.
  # shellcheck disable=SC2046
  env -i PATH="$PATH" HOME="$HOME" "${COMMON[@]}" "${own_env[@]}" $(env_for "$service") EMAIL_FROM='Haki demo <haki@localhost>' \
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
Everything goes through the gateway at $GATEWAY. The staff web app: $GATEWAY/app/ (README "Quick start" walks
one referral from the intake form to closure). Demo accounts (codes change every 30 s: npm run demo:accounts):
$(node -r @swc-node/register tools/demo/src/demo-accounts.ts show "$RUN_DIR/demo-accounts.json")
Logs: $RUN_DIR/logs/   Emails: $RUN_DIR/mail/   Stop: npm run stop
Metrics (Prometheus text, this host only): http://127.0.0.1:9400/metrics (gateway), :9401 … :9404 (intake, matching, notification, case)

Sign in as intake and submit a referral (the session is a cookie; changes need its CSRF token):
  curl -s -c /tmp/haki.jar $GATEWAY/auth/sign-in -H 'content-type: application/json' \\
    -d '{"username":"intake.demo","password":"<password above>"}'      # the answer holds csrfToken
  curl -s -b /tmp/haki.jar -X POST $GATEWAY/api/intake/referrals -H 'content-type: application/json' -H 'x-csrf-token: <csrfToken>' \\
    -d '{"serviceType":"postmortem","death":{"at":"<yesterday> 22:00","circumstance":"custody","plannedBurialAt":"<Saturday> 10:00"},"town":"Kakuma","source":{"kind":"church"},"consent":{"givenBy":"next-of-kin","scopes":["share-with-doctor","share-with-lawyer"]},"subject":{"name":"Example Person"},"referrer":{"name":"Example Church","phone":"+254700000001"}}'
  (times are Nairobi time, "YYYY-MM-DD HH:MM"; the answer gives the place used, the deadline and the rule that set it)
Follow its case (intake sees its own organisation's cases):
  curl -s -b /tmp/haki.jar $GATEWAY/api/case/cases/<referralId>
As ops (password and the current code), see offers and record an answer given by phone:
  curl -s -c /tmp/ops.jar $GATEWAY/auth/sign-in -H 'content-type: application/json' -d '{"username":"ops.demo","password":"<password>","totp":"<code>"}'
  curl -s -b /tmp/ops.jar $GATEWAY/api/case/cases/<referralId>
  curl -s -b /tmp/ops.jar -X POST $GATEWAY/api/matching/offers/<offerId>/responses -H 'content-type: application/json' \\
    -H 'x-csrf-token: <csrfToken>' -d '{"response":"accept"}'
Or watch a volunteer accept by SMS, end to end (a referral, its offer SMS, the reply "NDIYO <code>"):
  npm run demo:sms
Referrals from a basic phone: USSD from the registered Lodwar parish phone, then an unknown one the desk calls back, then SMS:
  npm run demo:phone
MSG
