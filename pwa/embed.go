// Package pwa holds the built progressive web app (pwa/dist) for the Go binary to serve.
//
// The folder is filled by `npm run build` (or `make pwa`); built files are never committed. An
// empty dist (only .gitkeep) still compiles, and the server then says plainly that the PWA is not
// built instead of failing.
package pwa

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built app, rooted at pwa/dist.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // only if the embed directive above is wrong
	}
	return sub
}
