// Package main validates rendered Kubernetes manifests (the output of `helm template`) without a
// cluster: every object is decoded strictly against client-go's scheme, so a misspelled field, a value
// of the wrong type or a kind the scheme does not know fails here instead of at `kubectl apply`.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/yaml"
)

// Object is one decoded document of the render.
type Object struct {
	GVK    schema.GroupVersionKind
	Name   string
	Source string // the template it came from (helm's "# Source:" comment), or "document N"
	Typed  any    // a client-go type (a pointer), or one of the KEDA types in keda.go
}

func (o *Object) String() string {
	return fmt.Sprintf("%s %s %s (%s)", o.GVK.GroupVersion(), o.GVK.Kind, o.Name, o.Source)
}

// Problem names the object (or document) and what is wrong with it.
type Problem struct {
	Where string
	What  string
}

// String is one line: a multi-line error (the YAML parser's) is joined.
func (p Problem) String() string {
	return p.Where + ": " + strings.Join(strings.Fields(p.What), " ")
}

// Report is everything one render gave: the objects that decoded, and every problem found.
type Report struct {
	Objects  []*Object
	Problems []Problem
}

// Options are the checks beyond decoding that need outside knowledge.
type Options struct {
	// EnvNames maps a component (the Deployment's app.kubernetes.io/component label) to the environment
	// variables its program reads; any other name set on its first container is a problem. Components
	// missing from the map are not checked.
	EnvNames map[string][]string
}

// The strict serializer fails on unknown and duplicate fields, not only on malformed YAML.
var strictDecoder = json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
	json.SerializerOptions{Yaml: true, Strict: true})

var sourceComment = regexp.MustCompile(`(?m)^# Source: (.+)$`)

// Validate reads a multi-document YAML stream and checks every object in it.
func Validate(r io.Reader, opts Options) (*Report, error) {
	report := &Report{}
	reader := utilyaml.NewYAMLReader(bufio.NewReader(r))
	for n := 1; ; n++ {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading document %d: %w", n, err)
		}
		source := fmt.Sprintf("document %d", n)
		if m := sourceComment.FindSubmatch(doc); m != nil {
			source = string(m[1])
		}
		if empty(doc) {
			continue // helm leaves empty documents where a template rendered nothing
		}
		object, problems := decode(doc, source)
		report.Problems = append(report.Problems, problems...)
		if object != nil {
			report.Objects = append(report.Objects, object)
		}
	}
	report.Problems = append(report.Problems, checkReferences(report.Objects, opts)...)
	return report, nil
}

func empty(doc []byte) bool {
	j, err := yaml.YAMLToJSON(doc)
	return err == nil && (bytes.Equal(bytes.TrimSpace(j), []byte("null")) || bytes.Equal(bytes.TrimSpace(j), []byte("{}")))
}

// decode turns one document into a typed object, strictly, and checks its metadata.
func decode(doc []byte, source string) (*Object, []Problem) {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return nil, []Problem{{source, "not a YAML object: " + err.Error()}}
	}
	where := fmt.Sprintf("%s %s %s (%s)", head.APIVersion, head.Kind, head.Metadata.Name, source)
	if head.APIVersion == "" || head.Kind == "" {
		return nil, []Problem{{where, "apiVersion and kind are required"}}
	}
	gv, err := schema.ParseGroupVersion(head.APIVersion)
	if err != nil {
		return nil, []Problem{{where, "apiVersion: " + err.Error()}}
	}
	gvk := gv.WithKind(head.Kind)

	var typed any
	var problems []Problem
	if gvk.Group == kedaGroup {
		// Not in client-go's scheme: decoded strictly against the types in keda.go instead.
		typed, problems = decodeKEDA(doc, gvk, where)
		if typed == nil {
			return nil, problems
		}
	} else {
		obj, _, err := strictDecoder.Decode(doc, nil, nil)
		switch {
		case err == nil:
		case runtime.IsNotRegisteredError(err):
			return nil, []Problem{{where, fmt.Sprintf("unknown kind %s in %s: client-go's scheme does not have it", gvk.Kind, gvk.GroupVersion())}}
		case runtime.IsStrictDecodingError(err):
			// The object decoded, but with unknown or duplicate fields: each one is named.
			for _, e := range err.(interface{ Errors() []error }).Errors() {
				problems = append(problems, Problem{where, e.Error()})
			}
		default:
			return nil, []Problem{{where, err.Error()}} // a wrong type, with the field's path
		}
		if obj == nil {
			return nil, problems
		}
		typed = obj
	}

	object := &Object{GVK: gvk, Name: head.Metadata.Name, Source: source, Typed: typed}
	for _, e := range validateMeta(object) {
		problems = append(problems, Problem{where, e.Error()})
	}
	return object, problems
}

// validateMeta applies the API server's own rules for names, labels and annotations.
func validateMeta(o *Object) field.ErrorList {
	accessor, ok := o.Typed.(metav1.Object)
	if !ok {
		return field.ErrorList{field.InternalError(field.NewPath("metadata"), errors.New("object has no metadata"))}
	}
	nameRule := apivalidation.NameIsDNSSubdomain
	if o.GVK.Kind == "Service" {
		nameRule = apivalidation.NameIsDNS1035Label // a Service's name becomes a DNS label
	}
	return apivalidation.ValidateObjectMetaAccessor(accessor, false, nameRule, field.NewPath("metadata"))
}
