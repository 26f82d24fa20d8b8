{{/*
Shared helpers. Most take a list or dict because a template gets one argument: `(list $ "gateway")`
is the root context and a component id.
*/}}

{{- define "haki.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's prefix: "haki" for a release named haki, "<release>-haki" otherwise. */}}
{{- define "haki.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* (list $ "intake-service") -> haki-intake-service: the Deployment, Service and friends of a component. */}}
{{- define "haki.componentName" -}}
{{- printf "%s-%s" (include "haki.fullname" (index . 0)) (index . 1) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The components, in one place so every template iterates the same list:
  program: a Haki Node program from the shared image (SERVICE picks it; /health, METRICS_PORT)
  consumer: consumes Kafka (broker credentials, lag scaling); these four are also the services
            behind the gateway, reachable only from it
The web app joins only when enabled: it is planned (issue 16) and has no image yet.
*/}}
{{- define "haki.components" -}}
{{- $all := list
  (dict "id" "intake-service" "key" "intakeService" "program" true "consumer" true)
  (dict "id" "matching-service" "key" "matchingService" "program" true "consumer" true)
  (dict "id" "notification-service" "key" "notificationService" "program" true "consumer" true)
  (dict "id" "case-service" "key" "caseService" "program" true "consumer" true)
  (dict "id" "gateway" "key" "gateway" "program" true "consumer" false)
}}
{{- toJson $all }}
{{- end }}

{{/* (list $ component) -> "true" when KEDA scales it (then the chart renders no HPA for it). */}}
{{- define "haki.kedaScaled" -}}
{{- $root := index . 0 }}{{- $c := index . 1 }}
{{- $v := index $root.Values $c.key }}
{{- if and $root.Values.keda.enabled $c.consumer $v.keda $v.keda.enabled }}true{{ end }}
{{- end }}

{{/* (list $ component) -> "true" when an autoscaler (HPA or KEDA) owns the replica count. */}}
{{- define "haki.autoscaled" -}}
{{- $root := index . 0 }}{{- $c := index . 1 }}
{{- $v := index $root.Values $c.key }}
{{- if or $v.autoscaling.enabled (include "haki.kedaScaled" .) }}true{{ end }}
{{- end }}

{{- define "haki.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* (list $ component-id) -> selector labels; an empty id selects every pod of the release. */}}
{{- define "haki.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "haki.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- with index . 1 }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{- define "haki.labels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ include "haki.chart" $root }}
{{ include "haki.selectorLabels" . }}
app.kubernetes.io/part-of: haki
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
{{- end }}

{{- define "haki.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "haki.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* --- Environment variables ------------------------------------------------------------- */}}

{{/* (list "NAME" value) -> a plain variable; values are always strings in the environment. */}}
{{- define "haki.env" -}}
- name: {{ index . 0 }}
  value: {{ index . 1 | toString | quote }}
{{- end }}

{{/* (list "NAME" (dict "name" secret "key" key)) -> a variable read from a Secret the operator made. */}}
{{- define "haki.secretEnv" -}}
{{- $var := index . 0 }}{{- $ref := index . 1 | default dict -}}
- name: {{ $var }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "%s is read from a Secret: give the secret's name" $var) $ref.name }}
      key: {{ required (printf "%s is read from a Secret: give the key in it" $var) $ref.key }}
{{- end }}

{{/* What every Haki program reads: which program, where to listen, logging, its database. ctx: dict root c v */}}
{{- define "haki.env.program" -}}
{{- $root := .root }}{{- $v := .v -}}
{{ include "haki.env" (list "SERVICE" .c.id) }}
{{ include "haki.env" (list "PORT" $v.port) }}
{{- /* Loopback by default in the programs; in a pod the NetworkPolicies do the fencing. */}}
{{ include "haki.env" (list "HOST" "0.0.0.0") }}
{{ include "haki.env" (list "METRICS_PORT" $root.Values.metrics.port) }}
{{ include "haki.env" (list "LOG_LEVEL" $root.Values.logLevel) }}
{{- /* OpenTelemetry: spans exported over OTLP/HTTP when a collector is named; off when empty. */}}
{{- with $root.Values.tracing.otlpEndpoint }}
{{ include "haki.env" (list "OTEL_EXPORTER_OTLP_ENDPOINT" .) }}
{{- end }}
{{ include "haki.secretEnv" (list "MONGO_URL" ($v.mongo.urlSecret | default $root.Values.mongo.urlSecret)) }}
{{ include "haki.env" (list "MONGO_DB" $v.mongo.database) }}
{{- end }}

{{/* What the four services behind the gateway read: the broker as their own user, the gateway's keys, audit keys. */}}
{{- define "haki.env.eventService" -}}
{{- $root := .root }}{{- $kafka := $root.Values.kafka -}}
{{ include "haki.env" (list "KAFKA_BROKERS" (join "," $kafka.brokers)) }}
{{- with $kafka.topicPrefix }}
{{ include "haki.env" (list "KAFKA_TOPIC_PREFIX" .) }}
{{- end }}
{{ include "haki.env" (list "KAFKA_USERNAME" (required (printf "%s.kafka.username is required" .c.key) .v.kafka.username)) }}
{{ include "haki.secretEnv" (list "KAFKA_PASSWORD" .v.kafka.passwordSecret) }}
{{ include "haki.env" (list "KAFKA_SASL_MECHANISM" $kafka.saslMechanism) }}
{{ include "haki.env" (list "KAFKA_TLS" $kafka.tls.enabled) }}
{{- if and $kafka.tls.enabled $kafka.tls.caSecret.name }}
{{ include "haki.env" (list "KAFKA_TLS_CA_FILE" (printf "/etc/haki/kafka-ca/%s" $kafka.tls.caSecret.key)) }}
{{- end }}
{{ include "haki.secretEnv" (list "SERVICE_TOKEN_VERIFY_KEYS" $root.Values.serviceTokens.verifyKeysSecret) }}
{{ include "haki.secretEnv" (list "AUDIT_KEYS" $root.Values.audit.keysSecret) }}
{{ include "haki.env" (list "AUDIT_ACTIVE_KEY_ID" $root.Values.audit.activeKeyId) }}
{{- end }}

{{- define "haki.env.queues" -}}
{{ include "haki.secretEnv" (list "REDIS_URL" .root.Values.redis.urlSecret) }}
{{ include "haki.env" (list "QUEUE_PREFIX" .root.Values.redis.queuePrefix) }}
{{- end }}

{{- define "haki.env.links" -}}
{{- with .root.Values.links }}
{{- if .keysSecret.name }}
{{ include "haki.secretEnv" (list "LINK_KEYS" .keysSecret) }}
{{ include "haki.env" (list "LINK_ACTIVE_KEY_ID" .activeKeyId) }}
{{- end }}
{{- end }}
{{- end }}

{{- define "haki.env.contacts" -}}
{{ include "haki.secretEnv" (list "CONTACT_KEYS" .root.Values.contacts.keysSecret) }}
{{ include "haki.env" (list "CONTACT_ACTIVE_KEY_ID" .root.Values.contacts.activeKeyId) }}
{{- end }}
