package httpapi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// sentence is what a user-facing message looks like in the code: a capital, words, a full stop.
var sentence = regexp.MustCompile(`^[A-Z][^\n]* [^\n]*\.$`)

// notForPeople are the packages under internal/ whose text never reaches the people who use
// Klusbuddy: what they say is for operators and developers (in English), in logs, command
// output and test failures.
var notForPeople = map[string]string{
	"config":    "settings errors, for operators",
	"pgcluster": "the private database cluster, for developers",
	"password":  "hashing errors, logged",
	"clock":     "a clock for tests",
	"e2e":       "browser tests",
	"pgtest":    "test databases",
	"pushtest":  "a push service stand-in for tests",
}

// peoplesOwnWords are the packages under internal/ whose sentences are what people wrote (the
// demo's job descriptions, dispute reasons, decisions and feedback): like every person's words,
// they are shown as written, never translated.
var peoplesOwnWords = map[string]string{
	"demo": "the demo's people's own words, in Dutch",
}

// TestMessagesAreTranslated reads every Go file of every package under internal/ whose text
// may reach people (all but notForPeople) and checks that each sentence in a string literal
// has a Dutch and a French translation.
func TestMessagesAreTranslated(t *testing.T) {
	var dirs []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if _, skip := notForPeople[d.Name()]; skip {
			return filepath.SkipDir
		}
		if _, skip := peoplesOwnWords[d.Name()]; skip {
			return filepath.SkipDir
		}
		dirs = append(dirs, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 10 {
		t.Fatalf("found only %v under internal/", dirs)
	}
	var missing []string
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "messages.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || !sentence.MatchString(s) {
					return true
				}
				if strings.Contains(s, "%") {
					if _, ok := messages[s]; !ok {
						missing = append(missing, f+": "+s)
					}
					return true
				}
				for _, l := range []klusbuddy.Language{klusbuddy.Dutch, klusbuddy.French} {
					if translate(l, s) == s {
						missing = append(missing, f+": "+s+" ("+string(l)+")")
					}
				}
				return true
			})
		}
	}
	for _, m := range missing {
		t.Errorf("not translated: %s", m)
	}
}

func TestTranslatePatterns(t *testing.T) {
	if got := translate(klusbuddy.Dutch, "Use at most 80 characters."); got != "Gebruik hoogstens 80 tekens." {
		t.Errorf("got %q", got)
	}
	if got := translate(klusbuddy.French, "There is no API endpoint at /api/v1/x."); got != "Il n'y a pas d'adresse d'API /api/v1/x." {
		t.Errorf("got %q", got)
	}
	if got := translate(klusbuddy.English, "Use at most 80 characters."); got != "Use at most 80 characters." {
		t.Errorf("got %q", got)
	}
}
