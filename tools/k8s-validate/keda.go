package main

import (
	"fmt"
	"strconv"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// KEDA's custom resources are not in client-go's scheme, and importing KEDA's own API module would
// bring its whole dependency tree. These structs are written here from KEDA v2's published
// ScaledObject and TriggerAuthentication types, cut down to the fields a chart sets. Decoding is
// strict, so a field outside this subset fails: a misspelling is caught, and a real KEDA field this
// file lacks fails too until it is added (a false alarm, never a silent pass).

const kedaGroup = "keda.sh"

type ScaledObject struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              ScaledObjectSpec `json:"spec"`
}

type ScaledObjectSpec struct {
	ScaleTargetRef        *ScaleTarget        `json:"scaleTargetRef"`
	PollingInterval       *int32              `json:"pollingInterval,omitempty"`
	CooldownPeriod        *int32              `json:"cooldownPeriod,omitempty"`
	InitialCooldownPeriod *int32              `json:"initialCooldownPeriod,omitempty"`
	IdleReplicaCount      *int32              `json:"idleReplicaCount,omitempty"`
	MinReplicaCount       *int32              `json:"minReplicaCount,omitempty"`
	MaxReplicaCount       *int32              `json:"maxReplicaCount,omitempty"`
	Advanced              *KEDAAdvancedConfig `json:"advanced,omitempty"`
	Triggers              []ScaleTrigger      `json:"triggers"`
	Fallback              *KEDAFallback       `json:"fallback,omitempty"`
}

type ScaleTarget struct {
	Name                   string `json:"name"`
	APIVersion             string `json:"apiVersion,omitempty"`
	Kind                   string `json:"kind,omitempty"`
	EnvSourceContainerName string `json:"envSourceContainerName,omitempty"`
}

type KEDAAdvancedConfig struct {
	HorizontalPodAutoscalerConfig *struct {
		Name     string                                         `json:"name,omitempty"`
		Behavior *autoscalingv2.HorizontalPodAutoscalerBehavior `json:"behavior,omitempty"`
	} `json:"horizontalPodAutoscalerConfig,omitempty"`
	RestoreToOriginalReplicaCount bool `json:"restoreToOriginalReplicaCount,omitempty"`
}

type KEDAFallback struct {
	FailureThreshold int32 `json:"failureThreshold"`
	Replicas         int32 `json:"replicas"`
}

type ScaleTrigger struct {
	Type              string                         `json:"type"`
	Name              string                         `json:"name,omitempty"`
	UseCachedMetrics  bool                           `json:"useCachedMetrics,omitempty"`
	Metadata          map[string]string              `json:"metadata"` // strings only, as in the CRD: lagThreshold: 10 fails
	AuthenticationRef *AuthenticationRef             `json:"authenticationRef,omitempty"`
	MetricType        autoscalingv2.MetricTargetType `json:"metricType,omitempty"`
}

type AuthenticationRef struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

type TriggerAuthentication struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              TriggerAuthenticationSpec `json:"spec"`
}

type TriggerAuthenticationSpec struct {
	SecretTargetRef    []AuthTargetRef   `json:"secretTargetRef,omitempty"`
	ConfigMapTargetRef []AuthTargetRef   `json:"configMapTargetRef,omitempty"`
	Env                []AuthEnvironment `json:"env,omitempty"`
	PodIdentity        *struct {
		Provider   string  `json:"provider"`
		IdentityID *string `json:"identityId,omitempty"`
		RoleArn    *string `json:"roleArn,omitempty"`
	} `json:"podIdentity,omitempty"`
}

type AuthTargetRef struct {
	Parameter string `json:"parameter"`
	Name      string `json:"name"`
	Key       string `json:"key"`
}

type AuthEnvironment struct {
	Parameter     string `json:"parameter"`
	Name          string `json:"name"`
	ContainerName string `json:"containerName,omitempty"`
}

// decodeKEDA decodes a keda.sh/v1alpha1 object strictly and checks what the CRD and KEDA's admission
// webhook would refuse for the triggers used here (kafka, cpu, memory).
func decodeKEDA(doc []byte, gvk schema.GroupVersionKind, where string) (any, []Problem) {
	if gvk.Version != "v1alpha1" {
		return nil, []Problem{{where, fmt.Sprintf("unknown KEDA version %s (this validator knows keda.sh/v1alpha1)", gvk.Version)}}
	}
	var target any
	switch gvk.Kind {
	case "ScaledObject":
		target = &ScaledObject{}
	case "TriggerAuthentication":
		target = &TriggerAuthentication{}
	default:
		return nil, []Problem{{where, fmt.Sprintf("unknown kind %s in keda.sh/v1alpha1: this validator knows ScaledObject and TriggerAuthentication", gvk.Kind)}}
	}
	j, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return nil, []Problem{{where, err.Error()}}
	}
	strict, err := sigsjson.UnmarshalStrict(j, target, sigsjson.DisallowUnknownFields, sigsjson.DisallowDuplicateFields)
	if err != nil {
		return nil, []Problem{{where, err.Error()}} // a wrong type, with the field's path
	}
	var problems []Problem
	for _, e := range strict {
		problems = append(problems, Problem{where, "strict decoding error: " + e.Error()})
	}
	var more []string
	switch o := target.(type) {
	case *ScaledObject:
		more = checkScaledObject(o)
	case *TriggerAuthentication:
		more = checkTriggerAuthentication(o)
	}
	for _, m := range more {
		problems = append(problems, Problem{where, m})
	}
	return target, problems
}

func checkScaledObject(o *ScaledObject) []string {
	var out []string
	s := o.Spec
	if s.ScaleTargetRef == nil || s.ScaleTargetRef.Name == "" {
		out = append(out, "spec.scaleTargetRef.name: required")
	}
	if len(s.Triggers) == 0 {
		out = append(out, "spec.triggers: at least one trigger is required")
	}
	min, max := int32(0), int32(100) // KEDA's defaults
	if s.MinReplicaCount != nil {
		min = *s.MinReplicaCount
	}
	if s.MaxReplicaCount != nil {
		max = *s.MaxReplicaCount
	}
	if min > max {
		out = append(out, fmt.Sprintf("spec.minReplicaCount (%d) must not exceed spec.maxReplicaCount (%d)", min, max))
	}
	if s.IdleReplicaCount != nil && *s.IdleReplicaCount >= min {
		out = append(out, "spec.idleReplicaCount must be less than spec.minReplicaCount")
	}
	names := map[string]bool{}
	for i, t := range s.Triggers {
		path := fmt.Sprintf("spec.triggers[%d]", i)
		if t.Name != "" {
			if names[t.Name] {
				out = append(out, fmt.Sprintf("%s.name: %q is used twice", path, t.Name))
			}
			names[t.Name] = true
		}
		if t.AuthenticationRef != nil && t.AuthenticationRef.Kind != "" &&
			t.AuthenticationRef.Kind != "TriggerAuthentication" && t.AuthenticationRef.Kind != "ClusterTriggerAuthentication" {
			out = append(out, fmt.Sprintf("%s.authenticationRef.kind: unknown kind %q", path, t.AuthenticationRef.Kind))
		}
		switch t.Type {
		case "kafka":
			out = append(out, checkMetadata(path, t.Metadata, kafkaMetadata)...)
		case "cpu", "memory":
			if t.MetricType != autoscalingv2.UtilizationMetricType && t.MetricType != autoscalingv2.AverageValueMetricType {
				out = append(out, fmt.Sprintf("%s.metricType: must be Utilization or AverageValue for a %s trigger", path, t.Type))
			}
			out = append(out, checkMetadata(path, t.Metadata, resourceMetadata)...)
		default:
			out = append(out, fmt.Sprintf("%s.type: %q is not a trigger this validator knows (kafka, cpu, memory)", path, t.Type))
		}
	}
	return out
}

// A trigger's metadata keys: what each must look like, and which are required.
type metadataKey struct {
	required bool
	check    func(string) error
}

func anyString(string) error { return nil }
func integer(v string) error { _, err := strconv.ParseInt(v, 10, 64); return err }
func boolean(v string) error { _, err := strconv.ParseBool(v); return err }
func oneOf(values ...string) func(string) error {
	return func(v string) error {
		for _, allowed := range values {
			if v == allowed {
				return nil
			}
		}
		return fmt.Errorf("must be one of %v", values)
	}
}

// The kafka scaler's metadata (KEDA 2.x documentation of the `kafka` trigger).
var kafkaMetadata = map[string]metadataKey{
	"bootstrapServers":           {true, anyString},
	"consumerGroup":              {true, anyString},
	"topic":                      {false, anyString},
	"lagThreshold":               {false, integer},
	"activationLagThreshold":     {false, integer},
	"offsetResetPolicy":          {false, oneOf("latest", "earliest")},
	"allowIdleConsumers":         {false, boolean},
	"excludePersistentLag":       {false, boolean},
	"scaleToZeroOnInvalidOffset": {false, boolean},
	"limitToPartitionsWithLag":   {false, boolean},
	"partitionLimitation":        {false, anyString},
	"version":                    {false, anyString},
	"sasl":                       {false, oneOf("none", "plaintext", "scram_sha256", "scram_sha512", "gssapi", "oauthbearer")},
	"tls":                        {false, oneOf("enable", "disable")},
	"unsafeSsl":                  {false, boolean},
}

var resourceMetadata = map[string]metadataKey{
	"value":         {true, integer},
	"containerName": {false, anyString},
}

func checkMetadata(path string, metadata map[string]string, known map[string]metadataKey) []string {
	var out []string
	for key, value := range metadata {
		rule, ok := known[key]
		if !ok {
			out = append(out, fmt.Sprintf("%s.metadata.%s: unknown key", path, key))
			continue
		}
		if err := rule.check(value); err != nil {
			out = append(out, fmt.Sprintf("%s.metadata.%s: %q: %v", path, key, value, err))
		}
	}
	for key, rule := range known {
		if _, ok := metadata[key]; rule.required && !ok {
			out = append(out, fmt.Sprintf("%s.metadata.%s: required", path, key))
		}
	}
	return out
}

// The kafka scaler's authentication parameters.
var kafkaAuthParameters = map[string]bool{
	"sasl": true, "username": true, "password": true, "tls": true, "ca": true, "cert": true, "key": true, "keyPassword": true,
}

func checkTriggerAuthentication(o *TriggerAuthentication) []string {
	var out []string
	check := func(path, parameter, name string, needKey bool, key string) {
		if !kafkaAuthParameters[parameter] {
			out = append(out, fmt.Sprintf("%s.parameter: %q is not a kafka authentication parameter", path, parameter))
		}
		if name == "" {
			out = append(out, path+".name: required")
		}
		if needKey && key == "" {
			out = append(out, path+".key: required")
		}
	}
	for i, r := range o.Spec.SecretTargetRef {
		check(fmt.Sprintf("spec.secretTargetRef[%d]", i), r.Parameter, r.Name, true, r.Key)
	}
	for i, r := range o.Spec.ConfigMapTargetRef {
		check(fmt.Sprintf("spec.configMapTargetRef[%d]", i), r.Parameter, r.Name, true, r.Key)
	}
	for i, e := range o.Spec.Env {
		check(fmt.Sprintf("spec.env[%d]", i), e.Parameter, e.Name, false, "")
	}
	return out
}
