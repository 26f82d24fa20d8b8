{{/*
Each program's own environment, by component id; the names are those of its config schema
(apps/<id>/src/config.ts), which CI checks the render against. ctx: dict root c v
*/}}

{{- define "haki.env.intake-service" -}}
{{ include "haki.env.program" . }}
{{ include "haki.env.eventService" . }}
{{ include "haki.secretEnv" (list "PII_KEYS" .v.piiKeysSecret) }}
{{ include "haki.env" (list "PII_ACTIVE_KEY_ID" .v.piiActiveKeyId) }}
{{- /* Opens the brief links notification signs (the same keys). */}}
{{ include "haki.env.links" . }}
{{- /* Phone intake: referrers' SMS sealed with the contact keys; USSD sessions and per-phone limits in Redis; the USSD callback's secret path. */}}
{{ include "haki.env.contacts" . }}
{{ include "haki.secretEnv" (list "REDIS_URL" .root.Values.redis.urlSecret) }}
{{- with .v.ussdWebhookSecret }}
{{- if .name }}
{{ include "haki.secretEnv" (list "USSD_WEBHOOK_SECRET" .) }}
{{- end }}
{{- end }}
{{- end }}

{{- define "haki.env.matching-service" -}}
{{ include "haki.env.program" . }}
{{ include "haki.env.eventService" . }}
{{ include "haki.env.queues" . }}
{{ include "haki.env.contacts" . }}
{{- end }}

{{- define "haki.env.notification-service" -}}
{{- $root := .root }}{{- $v := .v }}{{- $sms := $v.sms -}}
{{ include "haki.env.program" . }}
{{ include "haki.env.eventService" . }}
{{ include "haki.env.queues" . }}
{{ include "haki.env.contacts" . }}
{{ include "haki.env.links" . }}
{{- /* Answer links, provider callbacks and Twilio's signature check all use the public origin. */}}
{{ include "haki.env" (list "PUBLIC_BASE_URL" $root.Values.publicOrigin) }}
{{ include "haki.env" (list "BRIEF_BASE_URL" $root.Values.publicOrigin) }}
{{ include "haki.env" (list "SMS_PROVIDER" $sms.provider) }}
{{- with $sms.fallbackProvider }}
{{ include "haki.env" (list "SMS_FALLBACK_PROVIDER" .) }}
{{- end }}
{{- with $sms.maxPerSecond }}
{{ include "haki.env" (list "SMS_MAX_PER_SECOND" .) }}
{{- end }}
{{- with $sms.fallbackMaxPerSecond }}
{{ include "haki.env" (list "SMS_FALLBACK_MAX_PER_SECOND" .) }}
{{- end }}
{{- $providers := list $sms.provider $sms.fallbackProvider }}
{{- if has "africastalking" $providers }}
{{- with $v.africastalking }}
{{ include "haki.env" (list "AT_USERNAME" (required "notificationService.africastalking.username is required" .username)) }}
{{ include "haki.secretEnv" (list "AT_API_KEY" .apiKeySecret) }}
{{- with .senderId }}
{{ include "haki.env" (list "AT_SENDER_ID" .) }}
{{- end }}
{{ include "haki.secretEnv" (list "AT_WEBHOOK_SECRET" .webhookSecret) }}
{{- end }}
{{- end }}
{{- if has "twilio" $providers }}
{{- with $v.twilio }}
{{- if not (or .messagingServiceSid .from) }}
{{- fail "notificationService.twilio: give messagingServiceSid or from" }}
{{- end }}
{{ include "haki.secretEnv" (list "TWILIO_ACCOUNT_SID" .accountSidSecret) }}
{{ include "haki.secretEnv" (list "TWILIO_AUTH_TOKEN" .authTokenSecret) }}
{{- with .messagingServiceSid }}
{{ include "haki.env" (list "TWILIO_MESSAGING_SERVICE_SID" .) }}
{{- end }}
{{- with .from }}
{{ include "haki.env" (list "TWILIO_FROM" .) }}
{{- end }}
{{- end }}
{{- end }}
{{- with $v.smtp }}
{{- if .host }}
{{ include "haki.env" (list "SMTP_HOST" .host) }}
{{ include "haki.env" (list "SMTP_PORT" .port) }}
{{ include "haki.env" (list "SMTP_SECURE" .secure) }}
{{ include "haki.env" (list "EMAIL_FROM" .emailFrom) }}
{{- with .user }}
{{ include "haki.env" (list "SMTP_USER" .) }}
{{- end }}
{{- if .passwordSecret.name }}
{{ include "haki.secretEnv" (list "SMTP_PASSWORD" .passwordSecret) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "haki.env.case-service" -}}
{{- $s3 := .root.Values.objectStorage -}}
{{ include "haki.env.program" . }}
{{ include "haki.env.eventService" . }}
{{ include "haki.secretEnv" (list "CASE_KEYS" .v.caseKeysSecret) }}
{{ include "haki.env" (list "CASE_ACTIVE_KEY_ID" .v.caseActiveKeyId) }}
{{ include "haki.env" (list "EVIDENCE_MAX_MB" .v.evidenceMaxMb) }}
{{- /* Replicas share the bucket; a local directory would split the evidence between pods. */}}
{{ include "haki.env" (list "EVIDENCE_STORE" "s3") }}
{{ include "haki.env" (list "EVIDENCE_S3_BUCKET" (required "objectStorage.bucket is required" $s3.bucket)) }}
{{ include "haki.env" (list "EVIDENCE_S3_REGION" $s3.region) }}
{{- with $s3.prefix }}
{{ include "haki.env" (list "EVIDENCE_S3_PREFIX" .) }}
{{- end }}
{{- with $s3.endpoint }}
{{ include "haki.env" (list "EVIDENCE_S3_ENDPOINT" .) }}
{{- end }}
{{ include "haki.env" (list "EVIDENCE_S3_FORCE_PATH_STYLE" $s3.forcePathStyle) }}
{{- with $s3.credentialsSecret }}
{{- if .name }}
{{ include "haki.secretEnv" (list "EVIDENCE_S3_ACCESS_KEY_ID" (dict "name" .name "key" .accessKeyIdKey)) }}
{{ include "haki.secretEnv" (list "EVIDENCE_S3_SECRET_ACCESS_KEY" (dict "name" .name "key" .secretAccessKeyKey)) }}
{{- end }}
{{- end }}
{{- end }}

{{- define "haki.env.gateway" -}}
{{- $root := .root }}{{- $v := .v -}}
{{ include "haki.env.program" . }}
{{ include "haki.env" (list "HAKI_PROFILE" "production") }}
{{ include "haki.secretEnv" (list "REDIS_URL" $root.Values.redis.urlSecret) }}
{{- /* INTAKE_URL, MATCHING_URL, NOTIFICATION_URL, CASE_URL: each service's in-cluster address. */}}
{{- range $c := include "haki.components" $root | fromJsonArray }}
{{- if $c.consumer }}
{{ include "haki.env" (list (printf "%s_URL" (trimSuffix "-service" $c.id | upper)) (printf "http://%s:%v" (include "haki.componentName" (list $root $c.id)) (index $root.Values $c.key).port)) }}
{{- end }}
{{- end }}
{{ include "haki.secretEnv" (list "SERVICE_TOKEN_SIGNING_KEY" $root.Values.serviceTokens.signingKeySecret) }}
{{ include "haki.secretEnv" (list "ACCOUNT_KEYS" $v.accountKeysSecret) }}
{{ include "haki.env" (list "ACCOUNT_ACTIVE_KEY_ID" $v.accountActiveKeyId) }}
{{ include "haki.env" (list "COOKIE_SECURE" "true") }}
{{- /* The staff web app's files, built into the image (deploy/docker/service.Dockerfile), served at /app/. */}}
{{ include "haki.env" (list "WEB_APP_DIR" "/app/web") }}
{{- with $v.trustProxy }}
{{ include "haki.env" (list "TRUST_PROXY" .) }}
{{- end }}
{{- with $v.corsOrigins }}
{{ include "haki.env" (list "CORS_ORIGINS" (join "," .)) }}
{{- end }}
{{- with $v.oidc }}
{{- if .issuer }}
{{ include "haki.env" (list "OIDC_ISSUER" .issuer) }}
{{ include "haki.env" (list "OIDC_CLIENT_ID" (required "gateway.oidc.clientId is required with an issuer" .clientId)) }}
{{ include "haki.secretEnv" (list "OIDC_CLIENT_SECRET" .clientSecretSecret) }}
{{ include "haki.env" (list "OIDC_REDIRECT_URL" (required "gateway.oidc.redirectUrl is required with an issuer" .redirectUrl)) }}
{{- end }}
{{- end }}
{{- end }}
