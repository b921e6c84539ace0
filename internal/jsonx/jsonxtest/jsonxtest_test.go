package jsonxtest

import (
	"reflect"
	"testing"
)

func TestZeroFields(t *testing.T) {
	type inner struct {
		A string
		b int // unexported: not a field of any format
	}
	type outer struct {
		Name  string
		N     *int
		List  []inner
		Map   map[string]inner
		In    inner
		Empty []string
	}
	one := 1
	tests := []struct {
		v    any
		want []string
	}{
		{&outer{Name: "x", N: &one, List: []inner{{A: "a"}}, Map: map[string]inner{"k": {A: "a"}}, In: inner{A: "a"}, Empty: []string{""}},
			[]string{"Empty[0]"}},
		{outer{List: []inner{{}}, Map: map[string]inner{"k": {b: 1}}},
			[]string{"Name", "N", "List[0]", "In", "Empty"}},
		{outer{Map: map[string]inner{}}, []string{"Name", "N", "List", "Map", "In", "Empty"}},
	}
	for _, tt := range tests {
		if got := ZeroFields(tt.v); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ZeroFields(%+v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}
