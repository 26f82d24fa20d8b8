#!/usr/bin/env bash
# Topics and broker ACLs for the local stack (tools/kafka-access): `npm start` runs it before the services.
# As the broker's admin; extra variables (KAFKA_TOPIC_PREFIX) pass through.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/local/node.sh
eval "$(bash deploy/local/infra.sh env)"
KAFKA_BROKERS="$KAFKA_BROKERS" KAFKA_USERNAME=admin KAFKA_PASSWORD_FILE="$KAFKA_CREDENTIALS_DIR/admin.password" \
  exec node -r @swc-node/register tools/kafka-access/src/main.ts
