package dom

import (
	"errors"
	"slices"
	"testing"
)

func TestQueueRunsInOrderAndSurvivesPanics(t *testing.T) {
	var done, panics []string
	q := NewQueue(8, func(what string) { panics = append(panics, what) })
	q.Post(func() { done = append(done, "first") })
	q.Post(func() { panic("a string") })
	q.Post(func() { done = append(done, "second") })
	q.Post(func() { panic(errors.New("an error")) })
	q.Post(func() { panic(42) })
	q.Post(func() { done = append(done, "third") })
	q.Close()
	q.Run()
	if want := []string{"first", "second", "third"}; !slices.Equal(done, want) {
		t.Errorf("done %q; want %q", done, want)
	}
	if want := []string{"a string", "an error", "an unexpected failure"}; !slices.Equal(panics, want) {
		t.Errorf("panics reported as %q; want %q", panics, want)
	}
}
