package search

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// words is the vocabulary of the generated manual: the language of
// safeguarding procedures, to which manual adds made-up words so that a
// 1,000-page manual has the tens of thousands of distinct terms of a real one.
var words = strings.Fields(`child children young person family parent carer practitioner
professional agency agencies social worker teacher school health visitor police nurse doctor
manager safeguarding lead designated officer independent reviewing conference plan protection
need concern disagreement escalation escalate resolve resolved resolution stage meeting record
decision practice risk harm significant referral assessment strategy discussion review
timescale working days information share consent confidential report written outcome feedback
partnership board procedure policy guidance local authority court order care looked after
placement education housing mental substance domestic abuse neglect emotional physical sexual
exploitation missing online trafficking radicalisation disability language interpreter advocate
support service services team multi inter threshold early help contact telephone email letter
chair minutes agenda action agreed disagreed challenge challenged respectful restorative
conversation supervision senior director head deputy line evidence chronology analysis`)

// manual makes an n-page manual with a made-up but stable text.
func manual(n int) []Page {
	r := rand.New(rand.NewPCG(1, 2))
	// Zipf-like: common words often, made-up words rarely.
	word := func() string {
		if r.IntN(10) < 8 {
			return words[int(float64(len(words))*r.Float64()*r.Float64())]
		}
		syll := []string{"ka", "lo", "mi", "ter", "vis", "pra", "dun", "sel", "ron", "bex", "qui", "tho"}
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return b.String()
	}
	phrase := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	pages := make([]Page, n)
	for i := range pages {
		p := Page{
			URL:   "/manual/" + strconv.Itoa(i/50) + "/page-" + strconv.Itoa(i) + "/",
			Title: phrase(3 + r.IntN(4)),
			Where: "MANUAL",
		}
		for j := range 3 + r.IntN(5) {
			s := Section{Text: phrase(60 + r.IntN(160))}
			if j > 0 {
				s.Heading = phrase(2 + r.IntN(4))
				s.Anchor = "section-" + strconv.Itoa(j)
			}
			p.Sections = append(p.Sections, s)
		}
		pages[i] = p
	}
	return pages
}

func brotliSize(data []byte) int {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// BenchmarkBuild1000 builds the index of a 1,000-page manual and reports
// its size, and what typical queries fetch: the manifest, the shards of
// their terms and the pages of their first ten hits.
func BenchmarkBuild1000(b *testing.B) {
	pages := manual(1000)
	var files []File
	for b.Loop() {
		files = Build(pages)
	}
	total, compressed, manifest := 0, 0, 0
	for _, f := range files {
		total += len(f.Data)
		compressed += brotliSize(f.Data)
		if f.Name == "index.json" {
			manifest = brotliSize(f.Data)
		}
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(total), "index-B")
	b.ReportMetric(float64(compressed), "index-brotli-B")
	b.ReportMetric(float64(manifest), "manifest-brotli-B")

	fsys := mapFS(files)
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	queries := typicalQueries(pages)
	raw, br := 0, 0
	for _, q := range queries {
		s, err := Open(fsys)
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.Search(q, false, 10)
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range append([]string{"index.json"}, res.Read...) {
			raw += len(byName[name])
			br += brotliSize(byName[name])
		}
	}
	b.ReportMetric(float64(raw/len(queries)), "query-fetch-B")
	b.ReportMetric(float64(br/len(queries)), "query-fetch-brotli-B")
}

// typicalQueries are two- and three-word phrases taken from the manual's
// own text, as a reader types what they remember.
func typicalQueries(pages []Page) []string {
	var qs []string
	for i := 0; i < len(pages); i += len(pages) / 20 {
		ws := strings.Fields(pages[i].Sections[len(pages[i].Sections)-1].Text)
		qs = append(qs, strings.Join(ws[10:12], " "), strings.Join(ws[20:23], " "))
	}
	return qs
}

// BenchmarkQuery1000 measures answering a typical query over a 1,000-page
// manual, reading every file anew each time, as a reader's first query does.
func BenchmarkQuery1000(b *testing.B) {
	pages := manual(1000)
	fsys := mapFS(Build(pages))
	queries := typicalQueries(pages)
	i := 0
	for b.Loop() {
		s, err := Open(fsys)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Search(queries[i%len(queries)], true, 10); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
