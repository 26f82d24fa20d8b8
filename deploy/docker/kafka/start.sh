#!/bin/bash
# Kafka in a container (docker-compose.yml; the tests' testcontainers fallback), secured as
# deploy/local/infra.sh secures the native one (docs/decisions/0010): SASL/SCRAM users made when the
# storage is formatted, deny-by-default ACLs (StandardAuthorizer), SASL/PLAIN from broker to controller.
# Runs in the apache/kafka image. Environment:
#   KAFKA_PASSWORD_ADMIN, KAFKA_PASSWORD_CONTROLLER, KAFKA_PASSWORD_<SERVICE> (INTAKE_SERVICE, ...)
#   HAKI_KAFKA_INTERNAL   host:port the other containers use (default kafka:29092)
#   HAKI_KAFKA_HOST       host:port advertised to the host's clients (default 127.0.0.1:9092)
set -euo pipefail
: "${KAFKA_PASSWORD_ADMIN:?}" "${KAFKA_PASSWORD_CONTROLLER:?}"
internal=${HAKI_KAFKA_INTERNAL:-kafka:29092}
host=${HAKI_KAFKA_HOST:-127.0.0.1:9092}
data=/var/lib/kafka/data
props=$data/../server.properties
mkdir -p "$data"

(umask 077 && cat >"$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=INTERNAL://0.0.0.0:${internal##*:},HOST://0.0.0.0:9092,CONTROLLER://localhost:9093
advertised.listeners=INTERNAL://$internal,HOST://$host
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,HOST:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_PASSWORD_ADMIN";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="$KAFKA_PASSWORD_CONTROLLER" user_controller="$KAFKA_PASSWORD_CONTROLLER";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:controller
log.dirs=$data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
PROPS
)

# The operator's client settings, for the health check (kafka-topics.sh --command-config).
(umask 077 && printf '%s\n' 'security.protocol=SASL_PLAINTEXT' 'sasl.mechanism=SCRAM-SHA-512' \
  "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$KAFKA_PASSWORD_ADMIN\";" \
  >"$data/../admin.properties")

# Users are made once, with the storage (their passwords on the format command's line only then). A
# volume formatted before credentials existed has no users: it is started afresh, once.
if [ -f "$data/meta.properties" ] && [ ! -f "$data/haki-credentials.marker" ]; then
  echo "kafka: the data predates broker credentials; starting it afresh" >&2
  rm -rf "${data:?}"/* && mkdir -p "$data"
fi
[ -f "$data/meta.properties" ] && exec /opt/kafka/bin/kafka-server-start.sh "$props"
scram=()
for user in admin intake-service matching-service notification-service case-service; do
  var=KAFKA_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')
  [ -n "${!var:-}" ] || { echo "$var is not set" >&2; exit 1; }
  scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=${!var}]")
done
/opt/kafka/bin/kafka-storage.sh format -t "${CLUSTER_ID:-aGFraS1sb2NhbC1rYWZrYQ}" -c "$props" "${scram[@]}"
touch "$data/haki-credentials.marker"
exec /opt/kafka/bin/kafka-server-start.sh "$props"
