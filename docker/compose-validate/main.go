// compose-validate loads Compose files with compose-go, the loader inside `docker compose`, so that
// docker/check can validate them (schema, interpolation, extends, references between services, volumes
// and networks) on machines without Docker. Usage:
//
//	compose-validate [--env-file FILE]... [--print] compose.yml [override.yml...]
//
// Variables come from the environment first, then the env files, as with `docker compose --env-file`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

type stringList []string

func (s *stringList) String() string     { return fmt.Sprint(*s) }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	var envFiles stringList
	flag.Var(&envFiles, "env-file", "env file for interpolation (repeatable)")
	print := flag.Bool("print", false, "print the resolved project as YAML")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-validate [--env-file FILE]... [--print] compose.yml...")
		os.Exit(2)
	}

	// The same option chain as `docker compose` (minus profiles and the project directory flag).
	options, err := cli.NewProjectOptions(flag.Args(),
		cli.WithOsEnv,
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithConsistency(true),
	)
	if err == nil {
		var yaml []byte
		project, loadErr := options.LoadProject(context.Background())
		err = loadErr
		if err == nil && *print {
			if yaml, err = project.MarshalYAML(); err == nil {
				fmt.Print(string(yaml))
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
