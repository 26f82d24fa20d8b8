#!/usr/bin/env bash
# Random keys for `docker compose up` in .env (readable by you only, kept out of git), and demo accounts
# in .cache/docker/demo-accounts.json (`node -r @swc-node/register tools/demo/src/demo-accounts.ts show`
# prints them):
#   bash deploy/docker/make-env.sh
# Nothing here is ever committed; production takes its keys from a secret store instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source deploy/local/node.sh >&2
[ -d node_modules ] || npm ci >&2
# An existing .env keeps its keys (new ones would make sealed data unreadable); only broker passwords
# it lacks (added with broker credentials) are appended.
if [ -e .env ]; then
  for user in ADMIN CONTROLLER INTAKE_SERVICE MATCHING_SERVICE NOTIFICATION_SERVICE CASE_SERVICE; do
    grep -q "^KAFKA_PASSWORD_$user=" .env ||
      echo "KAFKA_PASSWORD_$user=$(node -e "process.stdout.write(require('crypto').randomBytes(24).toString('hex'))")" >>.env
  done
  echo ".env exists already: kept its keys, added any missing broker passwords (move it away to make new keys)" >&2
  exit 0
fi
mkdir -p .cache/docker
node -r @swc-node/register tools/demo/src/demo-accounts.ts create .cache/docker/demo-accounts.json
# Demo passwords only: readable by the container's user (uid 1000), whoever runs Docker here.
chmod 644 .cache/docker/demo-accounts.json
umask 077
node -e "
  const { randomBytes, generateKeyPairSync } = require('crypto');
  const key = () => 'k1:' + randomBytes(32).toString('base64');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  console.log('PII_KEYS=' + key());
  console.log('CONTACT_KEYS=' + key());
  console.log('LINK_KEYS=' + key());
  console.log('ACCOUNT_KEYS=' + key());
  console.log('AUDIT_KEYS=' + key());
  console.log('CASE_KEYS=' + key());
  console.log('AT_WEBHOOK_SECRET=' + randomBytes(24).toString('base64url'));
  console.log('USSD_WEBHOOK_SECRET=' + randomBytes(24).toString('base64url'));
  console.log('REDIS_PASSWORD=' + randomBytes(24).toString('base64url'));
  // Broker users (SASL/SCRAM): the operator, the broker's controller link, and one per service.
  for (const user of ['ADMIN', 'CONTROLLER', 'INTAKE_SERVICE', 'MATCHING_SERVICE', 'NOTIFICATION_SERVICE', 'CASE_SERVICE'])
    console.log('KAFKA_PASSWORD_' + user + '=' + randomBytes(24).toString('hex'));
  console.log('SERVICE_TOKEN_SIGNING_KEY=k1:' + privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  console.log('SERVICE_TOKEN_VERIFY_KEYS=k1:' + publicKey.export({ format: 'der', type: 'spki' }).toString('base64'));
" > .env
echo "wrote .env" >&2
