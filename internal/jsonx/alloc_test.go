package jsonx

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// auditLike is an audit return as the tools write it: the size and shape
// of the files the audit page reads by the ten thousand.
const auditLike = `{
  "format": "resolve-audit-return",
  "version": 1,
  "id": "k2m4q6s8u2w4y6a2c4e6g8i2k4",
  "protocol": {"id": "hips", "version": "2024-06", "calendar": "england-and-wales"},
  "state": "resolved",
  "arose": "2026-01-05",
  "agency_sector": "education",
  "other_agency_sector": "social-care",
  "stages": [
    {"stage": 1, "due": "2026-01-07", "completed": "2026-01-06", "timing": "on-time", "outcome": "not-resolved"},
    {"stage": 2, "due": "2026-01-09", "completed": "2026-01-09", "timing": "on-time", "outcome": "not-resolved"},
    {"stage": 3, "due": "2026-01-13", "completed": "2026-01-14", "timing": "late", "outcome": "resolved"}
  ],
  "flags": ["sooner"],
  "working_days": 7,
  "updated": "2026-01-14"
}`

// TestParseAllocates: reading a small file costs a handful of allocations,
// not one per string, member and element as it did (about 95 for a
// return): one copy of the input for every string, one block of members,
// one or two of elements, and the stacks come from the decoder before.
func TestParseAllocates(t *testing.T) {
	data := []byte(auditLike)
	if _, err := Parse(data); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { Parse(data) }); n > 5 {
		t.Errorf("Parse of an audit return made %v allocations; want at most 5", n)
	}
}

// TestParseKeepsNothingOfTheInput: what Parse read stays as it was when the
// input changes afterwards, and the slices of one value cannot reach into
// another's (each is carved to its length).
func TestParseKeepsNothingOfTheInput(t *testing.T) {
	data := []byte(`{"a": "text", "b": [1, 2], "c": {"d": "more"}, "e": [3]}`)
	v, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'x'
	}
	if got := v.Get("a").Text + "," + v.Get("b").Items[1].Text + "," + v.Get("c").Get("d").Text + "," + v.Members[1].Name; got != "text,2,more,b" {
		t.Errorf("after the input changed, Parse's value reads %q; want text,2,more,b", got)
	}
	b, e := v.Get("b"), v.Get("e")
	if cap(b.Items) != len(b.Items) || cap(v.Get("c").Members) != 1 {
		t.Errorf("carved slices have room to grow into their neighbours: cap %d for %d items", cap(b.Items), len(b.Items))
	}
	b.Items = append(b.Items, Value{Kind: Number, Text: "9"})
	if e.Items[0].Text != "3" {
		t.Errorf("appending to one array changed another: %q", e.Items[0].Text)
	}
}

// TestDecoderStreamStacks: values read one after another, including after an
// error in a stream, are whole and separate.
func TestDecoderStreamStacks(t *testing.T) {
	d := NewDecoder([]byte(`{"a": [1, {"b": 2}]} [3, 4] {"c": `))
	first, err := d.Decode()
	if err != nil {
		t.Fatal(err)
	}
	second, err := d.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Decode(); err == nil {
		t.Error("Decode of a cut-short object: no error")
	}
	if got := first.Get("a").Items[1].Get("b").Text + second.Items[0].Text + second.Items[1].Text; got != "234" {
		t.Errorf("values read in a stream: %q; want 234", got)
	}
	// The next decoder starts with clean stacks.
	v, err := Parse([]byte(`[{"x": 1}, {"y": 2}]`))
	if err != nil || len(v.Items) != 2 || len(v.Items[0].Members) != 1 || v.Items[1].Members[0].Name != "y" {
		t.Errorf("Parse after an error: %+v, %v", v, err)
	}
}

func BenchmarkParseAuditReturn(b *testing.B) {
	data := []byte(auditLike)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseLongText(b *testing.B) {
	data := []byte(`{"answers": {"concern": "` + strings.Repeat("a long answer, typed over an hour. ", 30000) + `"}}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// asMethod is an error that says, with an As method, that it is an *Error.
type asMethod struct{ e *Error }

func (a asMethod) Error() string { return "as method" }
func (a asMethod) As(target any) bool {
	if p, ok := target.(**Error); ok {
		*p = a.e
		return true
	}
	return false
}

// TestAsError finds an *Error wherever errors.As finds one.
func TestAsError(t *testing.T) {
	inner := &Error{Offset: 3, Msg: "inner"}
	for _, err := range []error{
		nil,
		errors.New("plain"),
		inner,
		fmt.Errorf("wrapped: %w", inner),
		fmt.Errorf("twice: %w", fmt.Errorf("once: %w", inner)),
		errors.Join(errors.New("first"), fmt.Errorf("second: %w", inner)),
		errors.Join(errors.New("first"), errors.New("second")),
		asMethod{inner},
		fmt.Errorf("around: %w", asMethod{inner}),
	} {
		var want *Error
		wantOK := errors.As(err, &want)
		got, ok := AsError(err)
		if ok != wantOK || got != want {
			t.Errorf("AsError(%v) = %v, %v; errors.As finds %v, %v", err, got, ok, want, wantOK)
		}
	}
}
