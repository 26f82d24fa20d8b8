package main

import (
	"fmt"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
)

// checkReferences looks across the render for what a strict decode cannot see and the API server
// would accept anyway, but leaves the release broken: a selector that selects nothing, an autoscaler
// aimed at a Deployment that is not there (or two autoscalers on one), a probe or Service on a port
// name no container has, a secret reference without a key, an env var the program never reads.
func checkReferences(objects []*Object, opts Options) []Problem {
	var problems []Problem
	report := func(o *Object, format string, args ...any) {
		problems = append(problems, Problem{o.String(), fmt.Sprintf(format, args...)})
	}

	seen := map[string]*Object{}
	deployments := map[string]*appsv1.Deployment{}
	deploymentObjects := map[string]*Object{}
	services := map[string]*corev1.Service{}
	triggerAuths := map[string]bool{}
	for _, o := range objects {
		key := o.GVK.Kind + "/" + o.Name
		if first, ok := seen[key]; ok {
			report(o, "a second %s named %s (the first is in %s)", o.GVK.Kind, o.Name, first.Source)
		}
		seen[key] = o
		switch t := o.Typed.(type) {
		case *appsv1.Deployment:
			deployments[o.Name] = t
			deploymentObjects[o.Name] = o
		case *corev1.Service:
			services[o.Name] = t
		case *TriggerAuthentication:
			triggerAuths[o.Name] = true
		}
	}

	// Which pods a selector picks, among the Deployments' pod templates.
	podsSelected := func(selector *metav1.LabelSelector) []*appsv1.Deployment {
		s, err := metav1.LabelSelectorAsSelector(selector)
		if err != nil {
			return nil
		}
		var out []*appsv1.Deployment
		for _, d := range deployments {
			if s.Matches(labels.Set(d.Spec.Template.Labels)) {
				out = append(out, d)
			}
		}
		return out
	}
	scaledBy := map[string]string{} // Deployment name -> the autoscaler that owns its replica count

	for _, o := range objects {
		switch t := o.Typed.(type) {
		case *appsv1.Deployment:
			for _, m := range checkDeployment(t, opts) {
				report(o, "%s", m)
			}
		case *corev1.Service:
			if len(t.Spec.Selector) == 0 {
				break
			}
			picked := podsSelected(&metav1.LabelSelector{MatchLabels: t.Spec.Selector})
			if len(picked) == 0 {
				report(o, "spec.selector %v matches no Deployment's pods", t.Spec.Selector)
			}
			for i, p := range t.Spec.Ports {
				if name := p.TargetPort.StrVal; name != "" {
					for _, d := range picked {
						if !hasPort(d.Spec.Template.Spec.Containers, name) {
							report(o, "spec.ports[%d].targetPort: no container of Deployment %s has a port named %q", i, d.Name, name)
						}
					}
				}
			}
		case *policyv1.PodDisruptionBudget:
			if len(podsSelected(t.Spec.Selector)) == 0 {
				report(o, "spec.selector matches no Deployment's pods")
			}
		case *networkingv1.NetworkPolicy:
			// An empty podSelector selects every pod of the namespace: fine. A non-empty one must hit something.
			if len(t.Spec.PodSelector.MatchLabels)+len(t.Spec.PodSelector.MatchExpressions) > 0 && len(podsSelected(&t.Spec.PodSelector)) == 0 {
				report(o, "spec.podSelector matches no Deployment's pods")
			}
		case *autoscalingv2.HorizontalPodAutoscaler:
			ref := t.Spec.ScaleTargetRef
			if ref.Kind != "Deployment" || deployments[ref.Name] == nil {
				report(o, "spec.scaleTargetRef: no Deployment %s in this render", ref.Name)
			} else if other, ok := scaledBy[ref.Name]; ok {
				report(o, "Deployment %s is already scaled by %s", ref.Name, other)
			} else {
				scaledBy[ref.Name] = o.String()
			}
			if t.Spec.MinReplicas != nil && *t.Spec.MinReplicas > t.Spec.MaxReplicas {
				report(o, "spec.minReplicas exceeds spec.maxReplicas")
			}
		case *ScaledObject:
			if ref := t.Spec.ScaleTargetRef; ref != nil {
				kind := ref.Kind
				if kind == "" {
					kind = "Deployment"
				}
				if kind != "Deployment" || deployments[ref.Name] == nil {
					report(o, "spec.scaleTargetRef: no Deployment %s in this render", ref.Name)
				} else if other, ok := scaledBy[ref.Name]; ok {
					// KEDA makes its own HPA: two on one Deployment fight over its replica count.
					report(o, "Deployment %s is already scaled by %s", ref.Name, other)
				} else {
					scaledBy[ref.Name] = o.String()
				}
			}
			for i, tr := range t.Spec.Triggers {
				if a := tr.AuthenticationRef; a != nil && (a.Kind == "" || a.Kind == "TriggerAuthentication") && !triggerAuths[a.Name] {
					report(o, "spec.triggers[%d].authenticationRef: no TriggerAuthentication %s in this render", i, a.Name)
				}
			}
		case *networkingv1.Ingress:
			for _, b := range ingressBackends(t) {
				s := services[b.Service.Name]
				if s == nil {
					report(o, "backend: no Service %s in this render", b.Service.Name)
					continue
				}
				if !serviceHasPort(s, b.Service.Port) {
					report(o, "backend: Service %s has no port %s", s.Name, describePort(b.Service.Port))
				}
			}
		}
	}

	// A Deployment with replicas set and an autoscaler: every rollout resets the replica count.
	for name, d := range deployments {
		if _, scaled := scaledBy[name]; scaled && d.Spec.Replicas != nil {
			report(deploymentObjects[name], "spec.replicas is set although an autoscaler owns the replica count")
		}
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Where < problems[j].Where })
	return problems
}

func checkDeployment(d *appsv1.Deployment, opts Options) []string {
	var out []string
	if d.Spec.Selector == nil {
		return append(out, "spec.selector: required")
	}
	selector, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil {
		out = append(out, "spec.selector: "+err.Error())
	} else if selector.Empty() || !selector.Matches(labels.Set(d.Spec.Template.Labels)) {
		out = append(out, "spec.selector does not match spec.template.metadata.labels")
	}
	pod := d.Spec.Template.Spec
	if len(pod.Containers) == 0 {
		out = append(out, "spec.template.spec.containers: at least one container is required")
	}
	volumes := map[string]bool{}
	for _, v := range pod.Volumes {
		volumes[v.Name] = true
	}
	for i, c := range pod.Containers {
		path := fmt.Sprintf("spec.template.spec.containers[%d]", i)
		for _, m := range validation.IsDNS1123Label(c.Name) {
			out = append(out, fmt.Sprintf("%s.name: %q: %s", path, c.Name, m))
		}
		if c.Image == "" {
			out = append(out, path+".image: required")
		}
		for j, p := range c.Ports {
			if p.Name == "" {
				continue
			}
			for _, m := range validation.IsValidPortName(p.Name) {
				out = append(out, fmt.Sprintf("%s.ports[%d].name: %q: %s", path, j, p.Name, m))
			}
		}
		probes := []struct {
			name  string
			probe *corev1.Probe
		}{{"livenessProbe", c.LivenessProbe}, {"readinessProbe", c.ReadinessProbe}, {"startupProbe", c.StartupProbe}}
		for _, pr := range probes {
			probeName, probe := pr.name, pr.probe
			if probe != nil && probe.HTTPGet != nil && probe.HTTPGet.Port.StrVal != "" && !hasPort([]corev1.Container{c}, probe.HTTPGet.Port.StrVal) {
				out = append(out, fmt.Sprintf("%s.%s: the container has no port named %q", path, probeName, probe.HTTPGet.Port.StrVal))
			}
		}
		out = append(out, volumeMountProblems(path, c, volumes)...)
		out = append(out, resourceProblems(path, c.Resources)...)
		out = append(out, envProblems(path, c)...)
		if i == 0 {
			out = append(out, unreadEnv(path, c, d.Labels["app.kubernetes.io/component"], opts)...)
		}
	}
	return out
}

func volumeMountProblems(path string, c corev1.Container, volumes map[string]bool) []string {
	var out []string
	for j, m := range c.VolumeMounts {
		if !volumes[m.Name] {
			out = append(out, fmt.Sprintf("%s.volumeMounts[%d]: no volume named %q in the pod", path, j, m.Name))
		}
	}
	return out
}

// resourceProblems: names the API server takes (cpu, memory, ephemeral-storage, hugepages-*, or an
// extended resource with a domain), and no request above its limit.
func resourceProblems(path string, r corev1.ResourceRequirements) []string {
	var out []string
	for kind, list := range map[string]corev1.ResourceList{"requests": r.Requests, "limits": r.Limits} {
		for name := range list {
			n := string(name)
			if n != "cpu" && n != "memory" && n != "ephemeral-storage" && !strings.HasPrefix(n, "hugepages-") && !strings.Contains(n, "/") {
				out = append(out, fmt.Sprintf("%s.resources.%s: %q is not a resource name", path, kind, n))
			}
		}
	}
	for name, request := range r.Requests {
		if limit, ok := r.Limits[name]; ok && request.Cmp(limit) > 0 {
			out = append(out, fmt.Sprintf("%s.resources: the %s request %s exceeds its limit %s", path, name, request.String(), limit.String()))
		}
	}
	sort.Strings(out)
	return out
}

func envProblems(path string, c corev1.Container) []string {
	var out []string
	names := map[string]bool{}
	for j, e := range c.Env {
		p := fmt.Sprintf("%s.env[%d]", path, j)
		if names[e.Name] {
			out = append(out, fmt.Sprintf("%s: %s is set twice", p, e.Name))
		}
		names[e.Name] = true
		for _, m := range validation.IsEnvVarName(e.Name) {
			out = append(out, fmt.Sprintf("%s.name: %q: %s", p, e.Name, m))
		}
		if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
			if ref := e.ValueFrom.SecretKeyRef; ref.Name == "" || ref.Key == "" {
				out = append(out, fmt.Sprintf("%s.valueFrom.secretKeyRef: %s needs both a secret name and a key", p, e.Name))
			}
		}
	}
	return out
}

// unreadEnv: names the component's program does not read (a typo such as MONGO_URI would otherwise
// start a service that exits on its missing MONGO_URL, or silently ignores an optional setting).
func unreadEnv(path string, c corev1.Container, component string, opts Options) []string {
	known, ok := opts.EnvNames[component]
	if !ok {
		return nil
	}
	read := map[string]bool{}
	for _, name := range known {
		read[name] = true
		read[name+"_FILE"] = true // the services' config loader takes any setting from <NAME>_FILE too
	}
	var out []string
	for j, e := range c.Env {
		if !read[e.Name] {
			out = append(out, fmt.Sprintf("%s.env[%d]: %s is not read by %s", path, j, e.Name, component))
		}
	}
	return out
}

func hasPort(containers []corev1.Container, name string) bool {
	for _, c := range containers {
		for _, p := range c.Ports {
			if p.Name == name {
				return true
			}
		}
	}
	return false
}

func ingressBackends(i *networkingv1.Ingress) []networkingv1.IngressBackend {
	var out []networkingv1.IngressBackend
	if b := i.Spec.DefaultBackend; b != nil && b.Service != nil {
		out = append(out, *b)
	}
	for _, r := range i.Spec.Rules {
		if r.HTTP == nil {
			continue
		}
		for _, p := range r.HTTP.Paths {
			if p.Backend.Service != nil {
				out = append(out, p.Backend)
			}
		}
	}
	return out
}

func serviceHasPort(s *corev1.Service, port networkingv1.ServiceBackendPort) bool {
	for _, p := range s.Spec.Ports {
		if (port.Name != "" && p.Name == port.Name) || (port.Name == "" && p.Port == port.Number) {
			return true
		}
	}
	return false
}

func describePort(port networkingv1.ServiceBackendPort) string {
	if port.Name != "" {
		return fmt.Sprintf("named %q", port.Name)
	}
	return fmt.Sprint(port.Number)
}
