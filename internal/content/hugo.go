package content

import (
	"reflect"
	"strings"

	"resolve/internal/workday"
)

// When is a page's date: a date (2024-06-01), or a date and time as Hugo
// writes them (2024-06-01T09:30:00Z, 2024-06-01T09:30:00+01:00,
// 2024-06-01 09:30), of which only the date as written is kept: a page's
// date is shown as a day, and a time zone must not move it to the day
// before.
type When struct{ workday.Date }

// UnmarshalText reads a date, or a date and time.
func (w *When) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) > 10 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && validClock(s[11:]) {
		s = s[:10]
	}
	if err := w.Date.UnmarshalText([]byte(s)); err != nil {
		if len(b) > 10 && s == string(b) {
			return &workday.DateError{Input: string(b), Reason: "write a date as YYYY-MM-DD, or a date and time as YYYY-MM-DDTHH:MM:SS"}
		}
		return err
	}
	return nil
}

// validClock reports whether s is a time of day as YAML and Hugo write it:
// HH:MM, optionally :SS and a fraction, then optionally Z or a ±HH:MM offset.
func validClock(s string) bool {
	s = strings.TrimSpace(s)
	digits := func(n int) bool {
		if len(s) < n {
			return false
		}
		for _, c := range s[:n] {
			if c < '0' || c > '9' {
				return false
			}
		}
		s = s[n:]
		return true
	}
	if !digits(2) || !strings.HasPrefix(s, ":") {
		return false
	}
	s = s[1:]
	if !digits(2) {
		return false
	}
	if strings.HasPrefix(s, ":") {
		s = s[1:]
		if !digits(2) {
			return false
		}
		if strings.HasPrefix(s, ".") {
			s = strings.TrimLeft(s[1:], "0123456789")
		}
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "" || s == "Z" || s == "z":
		return true
	case s[0] == '+' || s[0] == '-':
		s = s[1:]
		if !digits(2) {
			return false
		}
		s = strings.TrimPrefix(s, ":")
		return s == "" || digits(2) && s == ""
	}
	return false
}

// hugoKeys says what to write instead of each common Hugo front matter key
// that resolve does not read. Hugo reads keys in any case (publishDate,
// publishdate); so does this list.
var hugoKeys = map[string]string{
	"slug":           "a page's address comes from its file name: rename the file, and list the old address under aliases:",
	"url":            "a page's address comes from its file name: rename the file, and list the old address under aliases:",
	"summary":        "use description: one sentence shown in lists and search results",
	"linktitle":      "a page has one name: use title:",
	"tags":           "pages have no tags: remove it (search and the A to Z find every page)",
	"categories":     "pages have no categories: put related pages in one folder instead",
	"keywords":       "remove it: search indexes the words of every page",
	"series":         "put the pages of a series in one folder, ordered by weight:",
	"menu":           "navigation follows the folders and weight: remove it, and order pages with weight:",
	"menus":          "navigation follows the folders and weight: remove it, and order pages with weight:",
	"type":           "use layout: NAME to render a page with layouts/NAME.html",
	"toc":            "remove it: a page with three or more ## headings gets an \"On this page\" list",
	"publishdate":    "every page that is not a draft is published: use draft: true to leave a page out, or remove the key",
	"pubdate":        "every page that is not a draft is published: use draft: true to leave a page out, or remove the key",
	"expirydate":     "pages do not expire: remove the page, or set draft: true, when it should go",
	"unpublishdate":  "pages do not expire: remove the page, or set draft: true, when it should go",
	"author":         "remove it, or name the author in the page's text",
	"authors":        "remove it, or name the authors in the page's text",
	"images":         "show an image in the page's text with ![what it shows](file.png), the file beside the page",
	"headless":       "a page in content/ is published unless it has draft: true",
	"build":          "a page in content/ is published unless it has draft: true",
	"cascade":        "front matter is not inherited: set the key on each page",
	"outputs":        "every page is written as HTML: remove it",
	"resources":      "files beside a page are published as they are: remove it",
	"sitemap":        "every page but drafts and redirects is in the sitemap: remove it",
	"markup":         "pages are markdown: remove it",
	"params":         "there are no custom parameters: remove it, or put the text in the page",
	"translationkey": "a site has one language, set by language: on the home page: remove it",
	"iscjklanguage":  "remove it",
}

// hugoAdvice is the decoder's message for a key Meta does not have: at the
// top level, what to write instead of a Hugo key, if it is one.
func hugoAdvice(keyPath []string, key string) string {
	if len(keyPath) > 0 {
		return ""
	}
	lower := strings.ToLower(key)
	if _, ok := fieldsOf(reflect.TypeFor[Meta]())[lower]; ok && lower != key {
		return "keys are written in lower case: " + lower + ":"
	}
	if advice, ok := hugoKeys[lower]; ok {
		return "a Hugo key that resolve does not read; " + advice
	}
	return ""
}
