package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestStem(t *testing.T) {
	tests := []struct{ word, want string }{
		{"escalate", "escalat"},
		{"escalated", "escalat"},
		{"escalating", "escalat"},
		{"escalation", "escalat"},
		{"escalations", "escalat"},
		{"agree", "agre"},
		{"agreed", "agre"},
		{"agreeing", "agre"},
		{"agencies", "agency"},
		{"agency", "agency"},
		{"meeting", "meet"},
		{"meetings", "meet"},
		{"referred", "refer"},
		{"referring", "refer"},
		{"called", "call"},
		{"discussion", "discuss"},
		{"discusses", "discuss"},
		{"discussed", "discuss"},
		{"status", "status"},
		{"basis", "basis"},
		{"process", "process"},
		{"childs", "child"},
		{"cases", "cas"},
		{"need", "need"},
		{"needed", "need"},
		{"iro", "iro"},
		{"dsl", "dsl"},
		{"2024", "2024"},
		{"10th", "10th"},
		{"stages", "stag"},
		{"stage", "stag"},
	}
	for _, tt := range tests {
		if got := Stem(tt.word); got != tt.want {
			t.Errorf("Stem(%q) = %q; want %q", tt.word, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"Stage 3: line managers", []string{"stage", "3", "line", "managers"}},
		{"the child's file", []string{"the", "childs", "file"}},
		{"the child’s file", []string{"the", "childs", "file"}},
		{"Café résumé", []string{"cafe", "resume"}},
		{"co-ordinate, re-refer!", []string{"co", "ordinate", "re", "refer"}},
		{"ﬁle", []string{"file"}}, // a ligature folds to its letters
		{"Straße", []string{"stra", "e"}},
		{"IRO/DSL", []string{"iro", "dsl"}},
	}
	for _, tt := range tests {
		if got := Words(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"If the disagreement is not resolved, escalate it to the next stage.", []string{"disagreement", "resolv", "escalat", "next", "stag"}},
		{"E-mail a multi-agency co-ordinator", []string{"e", "mail", "email", "multi", "agency", "multiagency", "co", "ordinator", "coordinator"}},
		{"in-to 2024-25 face-to-face", []string{"2024", "25", "fac", "fac", "facetofac"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{
		"Stage 3: managers talk to each other",
		"Independent Reviewing Officer (IRO) A social worker who chairs reviews of a Looked After Child's care plan.",
		"Designated safeguarding lead (DSL) Café résumé.",
		"The child’s plan – “now”… ‘a’ — «b» c\u00a0d ’’x’",
		"E-mail the co-ordinator face-to-face in 2024-25: a-'-b A-’B x- -y a--b ''-c d-''",
	} {
		f.Add(s)
	}
	tm := newTermer(nil)
	f.Fuzz(func(t *testing.T, text string) {
		if !needsFolding(text) && utf8.ValidString(text) {
			if got, want := Tokens(text), foldedTokens(text); !slices.Equal(got, want) {
				t.Fatalf("Tokens(%q) = %v; the Unicode path gives %v", text, got, want)
			}
		}
		var got []string
		for _, id := range tm.appendIDs(nil, text) {
			got = append(got, tm.terms[id])
		}
		if want := Terms(text); !slices.Equal(got, want) {
			t.Fatalf("termer gives %q for %q; Terms gives %q", got, text, want)
		}
		if plain, words := termIDs(tm.eachPlain, text), termIDs(tm.eachWord, text); !needsFolding(text) && !slices.Equal(plain, words) {
			t.Fatalf("termer's plain path gives %v for %q; word by word %v", plain, text, words)
		}
		for _, w := range Words(text) {
			if w == "" {
				t.Fatalf("Words(%q) has an empty word", text)
			}
			for _, c := range w {
				if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
					t.Fatalf("Words(%q) has %q, which is not plain ASCII", text, w)
				}
			}
			s := Stem(w)
			if s == "" || len(s) > len(w)+1 {
				t.Fatalf("Stem(%q) = %q", w, s)
			}
		}
	})
}

// TestWordsPlain checks the fast path for text that needs no folding
// (ASCII and typographic punctuation) against the Unicode path it stands
// in for.
func TestWordsPlain(t *testing.T) {
	for _, text := range []string{
		"Talk the disagreement through with your line manager or safeguarding lead.",
		"It's the DSL's (2024) co-ordinated plan: A-Z, x_y; 'quoted'.",
		"The child’s plan – “now”… ‘a’ — «b» c\u00a0d ’’x’",
	} {
		if needsFolding(text) {
			t.Fatalf("needsFolding(%q) is true", text)
		}
		if got, want := Words(text), foldedWords(text); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q; want %q", text, got, want)
		}
	}
}

// foldedWords is Words by way of the Unicode path: a letter that needs
// folding at the end sends the text down it.
func foldedWords(text string) []string {
	w := Words(text + " é")
	return w[:len(w)-1]
}

// foldedTokens is Tokens by way of the Unicode path.
func foldedTokens(text string) []Token {
	w := Tokens(text + " é")
	return w[:len(w)-1]
}

func TestTokens(t *testing.T) {
	j := func(w string) Token { return Token{w, true} }
	s := func(w string) Token { return Token{w, false} }
	tests := []struct {
		text string
		want []Token
	}{
		{"e-mail", []Token{s("e"), j("mail")}},
		{"E‑mail (non-breaking) e‐mail", []Token{s("e"), j("mail"), s("non"), j("breaking"), s("e"), j("mail")}},
		{"face-to-face", []Token{s("face"), j("to"), j("face")}},
		{"-lead a - b a--b a-’b a’-b 1–2", []Token{s("lead"), s("a"), s("b"), s("a"), s("b"), s("a"), j("b"), s("a"), j("b"), s("1"), s("2")}},
		{"café-résumé", []Token{s("cafe"), j("resume")}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %v; want %v", tt.text, got, tt.want)
		}
	}
}

// termIDs lists the ids a termer's way of reading text gives.
func termIDs(each func(string, func(int32)), text string) []int32 {
	var ids []int32
	each(text, func(id int32) { ids = append(ids, id) })
	return ids
}
