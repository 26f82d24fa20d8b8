#!/usr/bin/env bash
# Key rotation, second half, for the stack `npm start` runs: everything sealed with an older key is
# sealed again with the active one (intake PII, notification contacts and phone lookups, gateway
# authenticator secrets), and intake's bare request hashes from before keyed fingerprints are removed.
# Rotate by setting the new key lists for the services and for this command alike, e.g.
#   PII_KEYS=local1:<old>,local2:<new> PII_ACTIVE_KEY_ID=local2 npm run keys:reseal
# then drop the old key from the list once this reports nothing left to do.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/services.sh"
cd "$ROOT"
source deploy/local/node.sh
for key in pii contact account; do
  [ -f "$RUN_DIR/$key.key" ] || { echo "No $key key here: npm start first." >&2; exit 1; }
done
export MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:27017}"
export PII_KEYS="${PII_KEYS:-local1:$(cat "$RUN_DIR/pii.key")}" PII_ACTIVE_KEY_ID="${PII_ACTIVE_KEY_ID:-local1}"
export CONTACT_KEYS="${CONTACT_KEYS:-local1:$(cat "$RUN_DIR/contact.key")}" CONTACT_ACTIVE_KEY_ID="${CONTACT_ACTIVE_KEY_ID:-local1}"
export ACCOUNT_KEYS="${ACCOUNT_KEYS:-local1:$(cat "$RUN_DIR/account.key")}" ACCOUNT_ACTIVE_KEY_ID="${ACCOUNT_ACTIVE_KEY_ID:-local1}"
MONGO_DB=haki_intake node -r @swc-node/register apps/intake-service/src/cli/reseal.ts
MONGO_DB=haki_notification node -r @swc-node/register apps/notification-service/src/cli/reseal.ts
MONGO_DB=haki_gateway node -r @swc-node/register apps/gateway/src/cli/reseal.ts
