// Package jsonxtest helps test hand-written JSON encoders and decoders
// against encoding/json. It is for tests only: it uses reflection, which
// the browser module must not carry.
package jsonxtest

import "reflect"

// ZeroFields returns the paths of the exported fields of v (a struct or a
// pointer to one) that hold their zero value, looking into nested structs,
// pointers and the first element of slices. An empty slice or map counts
// as unset; a map needs an entry, but its values may be zero ("" or false).
//
// A test gives it a value meant to have every field set, so that a field
// added to a type later fails the test until the hand-written encoder and
// decoder know it.
func ZeroFields(v any) []string {
	var out []string
	walk(reflect.ValueOf(v), "", &out)
	return out
}

func walk(v reflect.Value, path string, out *[]string) {
	if v.IsZero() || (v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0 {
		*out = append(*out, path)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		walk(v.Elem(), path, out)
	case reflect.Slice:
		walk(v.Index(0), path+"[0]", out)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			walk(v.Field(i), p, out)
		}
	}
}
