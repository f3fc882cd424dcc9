package main

import (
	"context"
	"fmt"

	"github.com/klusbuddy/klusbuddy/internal/push"
)

// runVapidKeys prints a new Web Push key pair as environment settings. Without them, serve
// makes a pair once and keeps it in the database, which is enough for one database; set them
// when the keys must outlive it (changing keys ends every phone's subscription).
func runVapidKeys(_ context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "vapid-keys", "", "Prints a new VAPID key pair for Web Push, as environment settings for serve.", false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.stderr, "klusbuddy vapid-keys: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	public, private, err := push.GenerateKeys()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "KLUSBUDDY_VAPID_PUBLIC_KEY=%s\nKLUSBUDDY_VAPID_PRIVATE_KEY=%s\n", public, private)
	return nil
}
