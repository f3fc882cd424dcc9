package httpapi

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The public impact page (issue 13, part 4): /impact for anyone, no sign-in, drawn by the
// server (fast, and readable by crawlers and without JavaScript), in every interface language
// (klusbuddy.Languages; ?lang= or Accept-Language, Dutch by default). /impact?municipality=Genk
// is a municipality's; /impact/embed is the same without the page around it, the only address
// another site may frame. Numbers about fewer than five people are hidden, and the page says so.

// pageLanguage is ?lang= when it is an interface language, else Accept-Language's, else Dutch.
func pageLanguage(r *http.Request) klusbuddy.Language {
	if l := klusbuddy.Language(r.URL.Query().Get("lang")); l.Valid() {
		return l
	}
	return language(r)
}

// formatNumber writes n with d decimals as the language does: 1.234,5 (nl, and tr and ar as
// in Turkey and Morocco, with Western digits), 1 234,5 (fr), 1,234.5 (en).
func formatNumber(l klusbuddy.Language, n float64, d int) string {
	s := strconv.FormatFloat(n, 'f', d, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	thousands, point := ".", ","
	switch l {
	case klusbuddy.French:
		thousands = "\u202f"
	case klusbuddy.English:
		thousands, point = ",", "."
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += point + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

type pageFigure struct {
	Label, Value string
	Hidden       bool
}

type pageFigures struct {
	Name    string
	Figures []pageFigure
	Hidden  bool // any hidden
}

func pageFiguresOf(t map[string]string, l klusbuddy.Language, f klusbuddy.PublicFigures) pageFigures {
	out := pageFigures{Name: f.Municipality}
	add := func(key string, v *float64, d int) {
		if v == nil {
			out.Figures = append(out.Figures, pageFigure{Label: t[key], Value: t["hidden"], Hidden: true})
			out.Hidden = true
			return
		}
		out.Figures = append(out.Figures, pageFigure{Label: t[key], Value: formatNumber(l, *v, d)})
	}
	i := func(p *int) *float64 {
		if p == nil {
			return nil
		}
		v := float64(*p)
		return &v
	}
	jobs := float64(f.JobsDone)
	add("jobs_done", &jobs, 0)
	add("hours_worked", f.HoursWorked, 0)
	add("people_worked", i(f.PeopleWorked), 0)
	add("new_people", i(f.NewPeople), 0)
	add("households", i(f.Households), 0)
	add("companies", i(f.Companies), 0)
	add("buddy_hours", f.BuddyHours, 0)
	if f.FilledShare != nil {
		pct := *f.FilledShare * 100
		out.Figures = append(out.Figures, pageFigure{Label: t["filled_share"], Value: formatNumber(l, pct, 0) + "%"})
	}
	add("no_shows", i(f.NoShows), 0)
	add("dropouts", i(f.Dropouts), 0)
	return out
}

type impactPageData struct {
	Lang        klusbuddy.Language
	T           map[string]string
	Embed       bool
	Period      string
	Main        pageFigures
	Platform    *pageFigures // beside a municipality's
	Rows        []pageFigures
	Years       []int
	Year        int
	Selected    string
	Names       []string
	Languages   []pageLink
	HasJobs     bool
	Error       string
	EmbedCode   string
	SelfQuery   string
	CanonicalLn string
}

type pageLink struct {
	Code, Name, Href string
	Current          bool
}

var impactPage = template.Must(template.New("impact").Parse(`<!doctype html>
<html lang="{{.Lang}}"{{if .Lang.RTL}} dir="rtl"{{end}}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.T.title}}{{if .Selected}} — {{.Selected}}{{end}}</title>
<meta name="description" content="{{.T.intro}}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/impact/impact.css">
{{range .Languages}}<link rel="alternate" hreflang="{{.Code}}" href="{{.Href}}">
{{end}}</head>
<body{{if .Embed}} class="embed"{{end}}>
<main>
<h1>{{.T.title}}{{if .Selected}}: {{.Selected}}{{end}}</h1>
{{if not .Embed}}<p>{{.T.intro}}</p>
<nav aria-label="{{.T.languages}}"><ul class="langs">{{range .Languages}}<li><a href="{{.Href}}" hreflang="{{.Code}}" lang="{{.Code}}"{{if .Current}} aria-current="page"{{end}}>{{.Name}}</a></li>{{end}}</ul></nav>
<form method="get" action="/impact" class="filters">
<input type="hidden" name="lang" value="{{.Lang}}">
<input type="hidden" name="period" value="year">
<label>{{.T.period}} <select name="date">{{range .Years}}<option value="{{.}}-01-01"{{if eq . $.Year}} selected{{end}}>{{.}}</option>{{end}}</select></label>
<label>{{.T.municipality}} <select name="municipality"><option value="">{{.T.all}}</option>{{range .Names}}<option{{if eq . $.Selected}} selected{{end}}>{{.}}</option>{{end}}</select></label>
<button type="submit">{{.T.show}}</button>
</form>{{end}}
{{if .Error}}<p role="alert">{{.Error}}</p>{{else}}
<p class="period">{{.Period}}</p>
{{if not .HasJobs}}<p>{{.T.none}}</p>{{end}}
<section aria-labelledby="main-h"><h2 id="main-h">{{if .Main.Name}}{{.Main.Name}}{{else}}{{.T.platform}}{{end}}</h2>
<dl class="figures">{{range .Main.Figures}}<div{{if .Hidden}} class="hidden"{{end}}><dt>{{.Label}}</dt><dd>{{.Value}}</dd></div>{{end}}</dl>
{{if .Main.Hidden}}<p class="note">{{.T.hidden_why}}</p>{{end}}
</section>
{{with .Platform}}<section aria-labelledby="platform-h"><h2 id="platform-h">{{$.T.platform}}</h2>
<dl class="figures">{{range .Figures}}<div{{if .Hidden}} class="hidden"{{end}}><dt>{{.Label}}</dt><dd>{{.Value}}</dd></div>{{end}}</dl>
{{if .Hidden}}<p class="note">{{$.T.hidden_why}}</p>{{end}}
</section>{{end}}
{{if and .Rows (not .Embed)}}<section aria-labelledby="places-h"><h2 id="places-h">{{.T.by_place}}</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="places-caption"><table>
<caption id="places-caption">{{.T.table_caption}}</caption>
<thead><tr><th scope="col">{{.T.municipality}}</th>{{range (index .Rows 0).Figures}}<th scope="col">{{.Label}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr><th scope="row"><a href="/impact?municipality={{.Name}}&amp;lang={{$.Lang}}&amp;date={{$.Year}}-01-01">{{.Name}}</a></th>{{range .Figures}}<td{{if .Hidden}} class="hidden"{{end}}>{{.Value}}</td>{{end}}</tr>{{end}}</tbody>
</table></div>
<p class="note">{{.T.hidden_why}}</p>
</section>{{end}}
{{end}}
{{if not .Embed}}<section aria-labelledby="embed-h"><h2 id="embed-h">{{.T.embed}}</h2>
<p>{{.T.embed_help}}</p>
<pre><code>{{.EmbedCode}}</code></pre></section>
<p class="note">{{.T.definitions}}</p>{{else}}<p class="note"><a href="/impact?{{.SelfQuery}}" target="_blank" rel="noopener">Klusbuddy</a> — {{.T.definitions}}</p>{{end}}
</main>
</body>
</html>
`))

// impactPageCSS is the page's style (the security policy allows no inline style): readable at
// 360 px, large targets, the site's colours with AA contrast.
const impactPageCSS = `*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fafaf7}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
a{color:#0b5a3a}
a:focus-visible,button:focus-visible,select:focus-visible,.scroll:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.langs{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem}
.langs a{display:inline-block;min-height:44px;padding:.6rem .9rem;border:1px solid #0b5a3a;border-radius:.5rem;text-decoration:none}
.langs a[aria-current]{background:#0b5a3a;color:#fff}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:0 0 1rem}
.filters label{display:flex;flex-direction:column;font-weight:600}
select,button{font:inherit;min-height:44px;padding:.4rem .6rem;border-radius:.5rem;border:1px solid #555;background:#fff;color:#1b1b1b}
button{background:#0b5a3a;color:#fff;border-color:#0b5a3a;padding:.4rem 1.2rem;cursor:pointer}
.period{color:#444;margin:.25rem 0 1rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.75rem;margin:0;padding:0}
.figures div{background:#fff;border:1px solid #ddd;border-radius:.75rem;padding:.75rem}
.figures dt{font-size:.9rem;color:#444}
.figures dd{margin:.25rem 0 0;font-size:1.5rem;font-weight:700}
.figures .hidden dd,td.hidden{font-size:1rem;font-weight:400;font-style:italic;color:#555}
.note{color:#444;font-size:.9rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
caption{text-align:start;font-weight:600;padding:.5rem 0}
th,td{border:1px solid #ddd;padding:.4rem .5rem;text-align:end;white-space:nowrap}
th[scope=row],thead th:first-child{text-align:start}
pre{white-space:pre-wrap;word-break:break-all;background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.75rem}
.embed main{padding:.5rem}
.embed h1{font-size:1.2rem}
`

func (s *Server) impactCSS(w http.ResponseWriter, r *http.Request) {
	writeCached(w, r, "text/css; charset=utf-8", []byte(impactPageCSS))
}

func (s *Server) impactPage(w http.ResponseWriter, r *http.Request)  { s.renderImpactPage(w, r, false) }
func (s *Server) impactEmbed(w http.ResponseWriter, r *http.Request) { s.renderImpactPage(w, r, true) }

// embedPolicy lets any site frame the embed, and nothing else: the rest of the policy is the
// site's.
var embedPolicy = strings.Replace(contentSecurityPolicy, "frame-ancestors 'none'", "frame-ancestors *", 1)

// renderImpactPage draws /impact and /impact/embed. Bad input (an unknown municipality, a
// malformed date) is a 422 page that says so, in the page's language.
func (s *Server) renderImpactPage(w http.ResponseWriter, r *http.Request, embed bool) {
	l := pageLanguage(r)
	t := impactPageText[l]
	d := impactPageData{Lang: l, T: t, Embed: embed}
	q, err := publicQuery(r)
	var pi klusbuddy.PublicImpact
	if err == nil {
		pi, err = s.deps.Impact.PublicImpact(r.Context(), q)
	}
	status := http.StatusOK
	if err != nil {
		if klusbuddy.ErrorCode(err) != klusbuddy.EINVALID {
			writeError(w, r, s.log, err)
			return
		}
		status, d.Error = http.StatusUnprocessableEntity, t["unknown"]
	}
	now := s.deps.Now().In(belgium())
	for y := now.Year(); y >= now.Year()-4; y-- {
		d.Years = append(d.Years, y)
	}
	base := url.Values{}
	for _, k := range []string{"period", "date", "from", "to", "municipality"} {
		if v := r.URL.Query().Get(k); v != "" && err == nil {
			base.Set(k, v)
		}
	}
	for _, code := range klusbuddy.Languages {
		v := url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		v.Set("lang", string(code))
		d.Languages = append(d.Languages, pageLink{Code: string(code), Name: languageNames[code], Href: "/impact?" + v.Encode(), Current: code == l})
	}
	if err == nil {
		d.Year = pi.From.In(belgium()).Year()
		d.Period = strings.Replace(strings.Replace(t["from_to"], "%s", longDate(l, pi.From), 1), "%s", longDate(l, pi.To.AddDate(0, 0, -1)), 1)
		d.Selected = pi.Municipality
		d.HasJobs = pi.Platform.JobsDone > 0
		d.Main = pageFiguresOf(t, l, pi.Platform)
		for _, m := range pi.Municipalities {
			d.Names = append(d.Names, m.Municipality)
			d.Rows = append(d.Rows, pageFiguresOf(t, l, m))
			if m.Municipality == pi.Municipality {
				p := d.Main
				p.Name = ""
				d.Platform = &p
				d.Main = pageFiguresOf(t, l, m)
				d.HasJobs = m.JobsDone > 0
			}
		}
		if pi.Municipality != "" && d.Platform == nil { // a municipality without jobs in the period
			p := d.Main
			d.Platform = &p
			d.Main = pageFigures{Name: pi.Municipality}
			d.HasJobs = false
		}
		base.Set("lang", string(l))
		d.SelfQuery = base.Encode()
		d.EmbedCode = `<iframe src="` + s.deps.PublicURL + `/impact/embed?` + base.Encode() + `" title="` + t["title"] +
			`" width="100%" height="640" loading="lazy"></iframe>`
	}
	var buf bytes.Buffer
	if err := impactPage.Execute(&buf, d); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	h := w.Header()
	h.Set("Content-Language", string(l))
	if embed {
		h.Set("Content-Security-Policy", embedPolicy)
		h.Del("X-Frame-Options")
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	}
	if status != http.StatusOK {
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_, _ = w.Write(buf.Bytes())
		return
	}
	writeCached(w, r, "text/html; charset=utf-8", buf.Bytes())
}

var monthNames = map[klusbuddy.Language][]string{
	klusbuddy.Dutch:   {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	klusbuddy.French:  {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	klusbuddy.English: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	klusbuddy.Turkish: {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
	// The month names that readers of Modern Standard Arabic know everywhere, the Maghreb included.
	klusbuddy.Arabic: {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
}

// longDate writes a day as people read it: 1 januari 2026, 1 janvier 2026, 1 January 2026.
func longDate(l klusbuddy.Language, t time.Time) string {
	t = t.In(belgium())
	names, ok := monthNames[l]
	if !ok {
		names = monthNames[klusbuddy.Dutch]
	}
	return strconv.Itoa(t.Day()) + " " + names[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
