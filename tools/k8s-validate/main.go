// k8s-validate checks rendered manifests without a cluster:
//
//	helm template haki deploy/helm/haki | k8s-validate [-env-names names.json] [-]
//	k8s-validate [-env-names names.json] render.yaml...
//
// It prints one line per object that passed, one line per problem (naming the object, its template
// and the field), and exits 1 if there was any problem. See deploy/helm/haki/README.md for what is
// and is not checked.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	envNamesFile := flag.String("env-names", "", "JSON file: component -> environment variables its program reads")
	flag.Parse()

	var opts Options
	if *envNamesFile != "" {
		data, err := os.ReadFile(*envNamesFile)
		if err == nil {
			err = json.Unmarshal(data, &opts.EnvNames)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "k8s-validate: -env-names %s: %v\n", *envNamesFile, err)
			os.Exit(2)
		}
	}

	inputs := flag.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	failed := false
	for _, input := range inputs {
		ok, err := validateInput(input, opts, os.Stdout)
		if err != nil {
			fmt.Fprintf(os.Stderr, "k8s-validate: %s: %v\n", input, err)
			os.Exit(2)
		}
		failed = failed || !ok
	}
	if failed {
		os.Exit(1)
	}
}

// validateInput validates one file ("-": stdin) and prints its report; false when anything failed.
func validateInput(input string, opts Options, out io.Writer) (bool, error) {
	var r io.Reader = os.Stdin
	if input != "-" {
		f, err := os.Open(input)
		if err != nil {
			return false, err
		}
		defer f.Close()
		r = f
	}
	report, err := Validate(r, opts)
	if err != nil {
		return false, err
	}
	bad := map[string]bool{}
	for _, p := range report.Problems {
		bad[p.Where] = true
	}
	for _, o := range report.Objects {
		if !bad[o.String()] {
			fmt.Fprintf(out, "ok    %s\n", o)
		}
	}
	for _, p := range report.Problems {
		fmt.Fprintf(out, "FAIL  %s\n", p)
	}
	if len(report.Objects) == 0 && len(report.Problems) == 0 {
		fmt.Fprintf(out, "FAIL  %s: no objects\n", input)
		return false, nil
	}
	fmt.Fprintf(out, "%s: %d objects, %d problems\n", input, len(report.Objects), len(report.Problems))
	return len(report.Problems) == 0, nil
}
