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
	"metrics":   "metric help texts, for operators",
}

// peoplesOwnWords are the packages under internal/ whose sentences are what people wrote (the
// demo's job descriptions, dispute reasons, decisions and feedback): like every person's words,
// they are shown as written, never translated.
var peoplesOwnWords = map[string]string{
	"demo": "the demo's people's own words, in Dutch",
}

// TestMessagesAreTranslated reads every Go file of every package under internal/ whose text
// may reach people (all but notForPeople) and checks that each sentence in a string literal
// is translated into every interface language but English (its own).
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
				for _, l := range translatedLanguages() {
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

// translatedLanguages are the interface languages the English messages are translated into.
func translatedLanguages() []klusbuddy.Language {
	var out []klusbuddy.Language
	for _, l := range klusbuddy.Languages {
		if l != klusbuddy.English {
			out = append(out, l)
		}
	}
	return out
}

// TestCatalogueIsComplete checks every message and problem title in every language, not only
// the ones found in the code: In falls back to Dutch, so a missing Turkish or Arabic text would
// otherwise pass unseen. A pattern keeps its values (%d, %s) in the same number in each.
func TestCatalogueIsComplete(t *testing.T) {
	if len(translatedLanguages()) != 4 {
		t.Fatalf("translated languages: %v", translatedLanguages())
	}
	texts := func(tr klusbuddy.Localized) map[klusbuddy.Language]string {
		return map[klusbuddy.Language]string{klusbuddy.Dutch: tr.NL, klusbuddy.French: tr.FR, klusbuddy.Turkish: tr.TR, klusbuddy.Arabic: tr.AR}
	}
	for key, tr := range messages {
		for l, text := range texts(tr) {
			if strings.TrimSpace(text) == "" {
				t.Errorf("%q has no %s text", key, l)
				continue
			}
			for _, v := range []string{"%d", "%s"} {
				if strings.Count(text, v) != strings.Count(key, v) {
					t.Errorf("%q in %s: %q has %s %d times", key, l, text, v, strings.Count(text, v))
				}
			}
			if l == klusbuddy.Arabic && !arabicLetters.MatchString(text) {
				t.Errorf("%q in Arabic has no Arabic letters: %q", key, text)
			}
		}
	}
	for code, tr := range titles {
		for l, text := range texts(tr) {
			if strings.TrimSpace(text) == "" || text == tr.EN && l != klusbuddy.English {
				t.Errorf("title %s has no %s text", code, l)
			}
		}
	}
}

var arabicLetters = regexp.MustCompile(`\p{Arabic}`)

func TestTranslatePatternsInTurkishAndArabic(t *testing.T) {
	for _, c := range []struct {
		l         klusbuddy.Language
		msg, want string
	}{
		{klusbuddy.Turkish, "Use at most 80 characters.", "En fazla 80 karakter kullanın."},
		{klusbuddy.Arabic, "Use at most 80 characters.", "لا تستعمل أكثر من 80 من الأحرف."},
		{klusbuddy.Turkish, "There is no such job.", "Böyle bir iş yok."},
		{klusbuddy.Arabic, "There is no such job.", "هذه المهمة غير موجودة."},
		{klusbuddy.Turkish, "Too many attempts. Try again in 15 minutes.", "Çok fazla deneme. 15 dakika sonra tekrar deneyin."},
	} {
		if got := translate(c.l, c.msg); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.l, c.msg, got, c.want)
		}
	}
}
