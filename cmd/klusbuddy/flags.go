package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/klusbuddy/klusbuddy/internal/config"
)

// newFlagSet makes a subcommand's flag set whose --help explains the command and, when it reads
// the configuration, every environment variable.
func newFlagSet(env *environment, name, argsUsage, about string, withConfig bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		w := env.stdout
		fmt.Fprintf(w, "Usage: klusbuddy %s [flags] %s\n\n%s\n", name, argsUsage, about)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintf(w, "\nFlags:\n")
			fs.SetOutput(w)
			fs.PrintDefaults()
			fs.SetOutput(env.stderr)
		}
		if withConfig {
			fmt.Fprintf(w, "\nSettings (environment variables):\n")
			for _, v := range config.Vars {
				def := v.Default
				if def == "" {
					def = "(unset)"
				}
				fmt.Fprintf(w, "  %-27s %s [default: %s]\n", v.Name, v.Help, def)
			}
		}
	}
	return fs
}

// parse parses args, turning a flag mistake into errUsage (the flag package printed it).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
