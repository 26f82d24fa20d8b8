package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const validDeployment = `# Source: haki/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: haki-gateway
  labels: {app.kubernetes.io/component: gateway}
spec:
  replicas: 2
  selector:
    matchLabels: {app: gateway}
  template:
    metadata:
      labels: {app: gateway}
    spec:
      containers:
        - name: gateway
          image: haki-service:1.0.0
          ports: [{name: http, containerPort: 3000}]
          env: [{name: PORT, value: "3000"}]
          resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {memory: 512Mi}}
          readinessProbe:
            httpGet: {path: /health/ready, port: http}
`

// validate runs the validator on a render and returns its problems as text, one per line.
func validate(t *testing.T, render string, opts Options) (objects int, problems string) {
	t.Helper()
	report, err := Validate(strings.NewReader(render), opts)
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	var b strings.Builder
	for _, p := range report.Problems {
		b.WriteString(p.String() + "\n")
	}
	return len(report.Objects), b.String()
}

func expectProblem(t *testing.T, problems string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(problems, w) {
			t.Errorf("expected a problem containing %q, got:\n%s", w, problems)
		}
	}
}

func TestAcceptsAValidDeployment(t *testing.T) {
	objects, problems := validate(t, validDeployment, Options{EnvNames: map[string][]string{"gateway": {"PORT"}}})
	if objects != 1 || problems != "" {
		t.Fatalf("want 1 object and no problems, got %d objects and:\n%s", objects, problems)
	}
}

func TestRejectsAnUnknownField(t *testing.T) {
	render := strings.Replace(validDeployment, "httpGet:", "httpGett:", 1)
	_, problems := validate(t, render, Options{})
	expectProblem(t, problems, "Deployment haki-gateway (haki/templates/deployment.yaml)",
		`unknown field "spec.template.spec.containers[0].readinessProbe.httpGett"`)
}

func TestRejectsADuplicateField(t *testing.T) {
	render := strings.Replace(validDeployment, "  replicas: 2\n", "  replicas: 2\n  replicas: 3\n", 1)
	_, problems := validate(t, render, Options{})
	expectProblem(t, problems, `Deployment haki-gateway`, `key "replicas" already set in map`)
}

func TestRejectsAWrongType(t *testing.T) {
	render := strings.Replace(validDeployment, "replicas: 2", "replicas: two", 1)
	_, problems := validate(t, render, Options{})
	expectProblem(t, problems, "Deployment haki-gateway", "spec.replicas", "int32")
}

func TestRejectsAnUnknownKind(t *testing.T) {
	render := "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n---\n" +
		"apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: y}\n"
	objects, problems := validate(t, render, Options{})
	if objects != 0 {
		t.Errorf("an unknown kind must not count as validated")
	}
	expectProblem(t, problems, "unknown kind Deploymnet in apps/v1", "unknown kind ServiceMonitor in monitoring.coreos.com/v1")
}

func TestRejectsAnInvalidName(t *testing.T) {
	render := strings.Replace(validDeployment, "name: haki-gateway", "name: Haki_Gateway", 1)
	_, problems := validate(t, render, Options{})
	expectProblem(t, problems, "metadata.name", "RFC 1123")
}

func TestRejectsResourcesTheAPIServerWould(t *testing.T) {
	render := strings.Replace(validDeployment, "limits: {memory: 512Mi}", "limits: {memroy: 512Mi, memory: 128Mi}", 1)
	_, problems := validate(t, render, Options{})
	expectProblem(t, problems, `resources.limits: "memroy" is not a resource name`, "the memory request 256Mi exceeds its limit 128Mi")
}

func TestChecksReferencesAcrossObjects(t *testing.T) {
	render := validDeployment + `---
apiVersion: v1
kind: Service
metadata: {name: haki-gateway}
spec:
  selector: {app: gatewy}
  ports: [{name: http, port: 3000, targetPort: http}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: haki-intake}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: haki-intake}
  minReplicas: 2
  maxReplicas: 3
`
	_, problems := validate(t, render, Options{EnvNames: map[string][]string{"gateway": {"HOST"}}})
	expectProblem(t, problems,
		"spec.selector map[app:gatewy] matches no Deployment's pods",
		"spec.scaleTargetRef: no Deployment haki-intake in this render",
		"PORT is not read by gateway")
}

const scaledObject = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: haki-gateway}
spec:
  scaleTargetRef: {name: haki-gateway}
  minReplicaCount: 1
  maxReplicaCount: 3
  triggers:
    - type: kafka
      metadata: {bootstrapServers: "kafka:9092", consumerGroup: gateway, lagThreshold: "50", sasl: scram_sha512}
      authenticationRef: {name: haki-gateway-kafka}
---
apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata: {name: haki-gateway-kafka}
spec:
  secretTargetRef: [{parameter: password, name: kafka-gateway, key: password}]
  env: [{parameter: username, name: KAFKA_USERNAME}]
`

func TestKEDAObjectsAreDecodedStrictly(t *testing.T) {
	valid := strings.Replace(validDeployment, "  replicas: 2\n", "", 1) + "---\n" + scaledObject
	if objects, problems := validate(t, valid, Options{}); objects != 3 || problems != "" {
		t.Fatalf("want 3 objects and no problems, got %d and:\n%s", objects, problems)
	}
	for _, c := range []struct{ from, to, want string }{
		{"maxReplicaCount", "maxReplicaCuont", `unknown field "spec.maxReplicaCuont"`},
		{`lagThreshold: "50"`, "lagThreshold: 50", "spec.triggers"},
		{`lagThreshold: "50"`, `lagThreshold: "many"`, "spec.triggers[0].metadata.lagThreshold"},
		{"sasl: scram_sha512", "sasl: scram-sha-512", "spec.triggers[0].metadata.sasl"},
		{"parameter: password", "parameter: passwd", `"passwd" is not a kafka authentication parameter`},
		{"kind: TriggerAuthentication", "kind: TriggerAuth", "unknown kind TriggerAuth in keda.sh/v1alpha1"},
	} {
		_, problems := validate(t, strings.Replace(valid, c.from, c.to, 1), Options{})
		expectProblem(t, problems, c.want)
	}
}

func TestAnHPAAndAScaledObjectOnOneDeploymentConflict(t *testing.T) {
	render := strings.Replace(validDeployment, "  replicas: 2\n", "", 1) + "---\n" + scaledObject + `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: haki-gateway}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: haki-gateway}
  maxReplicas: 3
`
	_, problems := validate(t, render, Options{})
	expectProblem(t, problems, "Deployment haki-gateway is already scaled by")
}

func TestPrintsOneLinePerObjectAndFailsOnAnyProblem(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.yaml"), filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte(validDeployment), 0o600)
	os.WriteFile(bad, []byte(strings.Replace(validDeployment, "replicas: 2", "replicas: two", 1)), 0o600)

	var out bytes.Buffer
	if ok, err := validateInput(good, Options{}, &out); !ok || err != nil {
		t.Fatalf("valid render failed: %v\n%s", err, out.String())
	}
	if want := "ok    apps/v1 Deployment haki-gateway (haki/templates/deployment.yaml)\n"; !strings.HasPrefix(out.String(), want) {
		t.Errorf("want the line %q, got:\n%s", want, out.String())
	}
	out.Reset()
	if ok, _ := validateInput(bad, Options{}, &out); ok || !strings.Contains(out.String(), "FAIL  apps/v1 Deployment haki-gateway") {
		t.Errorf("invalid render passed or was not named:\n%s", out.String())
	}
}
