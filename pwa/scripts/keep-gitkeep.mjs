// Vite empties dist/ on every build; the Go embed (pwa/embed.go, `//go:embed all:dist`) needs
// at least one file there so `go build` works without Node. Put the placeholder back.
import { writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/.gitkeep', import.meta.url), '');
