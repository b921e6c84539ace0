package build

import (
	"reflect"
	"testing"
	"unsafe"

	"resolve/internal/markdown"
	"resolve/internal/workday"
)

// TestPageViewHashCoversEveryField changes each field of a page's view,
// one at a time, and checks that the hand-written hash (pageView) changes
// with it, except for the fields it leaves out on purpose. A field added
// to PageView, navLink or markdown.Heading and not hashed fails here.
func TestPageViewHashCoversEveryField(t *testing.T) {
	left := map[string]bool{"Content": true, "policy": true}
	sum := func(v *PageView) fingerprint {
		h := newHasher()
		defer h.free()
		h.pageView(v)
		return h.sum()
	}
	base := func() *PageView {
		return &PageView{
			TOC:    []markdown.Heading{{}},
			Crumbs: []*navLink{{}}, Prev: &navLink{}, Next: &navLink{}, Children: []*navLink{{}},
			Updated: &workday.Date{},
		}
	}
	want := sum(base())
	// change sets the i-th field of the struct v points to to a value
	// other than its zero, whatever its kind.
	var change func(v reflect.Value) bool
	change = func(v reflect.Value) bool {
		if !v.CanSet() { // unexported: set through its address
			v = reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
		}
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Int, reflect.Int64, reflect.Int32:
			v.SetInt(7)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Pointer:
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
				return true
			}
			v.Set(reflect.Zero(v.Type()))
		case reflect.Slice:
			v.Set(reflect.Zero(v.Type()))
		default:
			return false
		}
		return true
	}
	check := func(what string, typ reflect.Type, set func(field int) *PageView) {
		for i := 0; i < typ.NumField(); i++ {
			name := typ.Field(i).Name
			if typ == reflect.TypeOf(PageView{}) && left[name] {
				continue
			}
			v := set(i)
			if v == nil {
				t.Errorf("%s.%s: a field of a kind the test cannot change: hash it in pageView and teach the test", what, name)
				continue
			}
			if sum(v) == want {
				t.Errorf("%s.%s changes the view but not its hash: hash it in pageView", what, name)
			}
		}
	}
	check("PageView", reflect.TypeOf(PageView{}), func(i int) *PageView {
		v := base()
		if !change(reflect.ValueOf(v).Elem().Field(i)) {
			return nil
		}
		return v
	})
	check("navLink", reflect.TypeOf(navLink{}), func(i int) *PageView {
		v := base()
		if !change(reflect.ValueOf(v.Prev).Elem().Field(i)) {
			return nil
		}
		return v
	})
	check("markdown.Heading", reflect.TypeOf(markdown.Heading{}), func(i int) *PageView {
		v := base()
		if !change(reflect.ValueOf(&v.TOC[0]).Elem().Field(i)) {
			return nil
		}
		return v
	})
	check("workday.Date", reflect.TypeOf(workday.Date{}), func(i int) *PageView {
		v := base()
		if !change(reflect.ValueOf(v.Updated).Elem().Field(i)) {
			return nil
		}
		return v
	})
}
