package escalation

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"resolve/internal/workday"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("record-v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("record-v1.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

func validateAgainst(sch *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func TestSchemaAcceptsExports(t *testing.T) {
	sch := compileSchema(t)
	for _, f := range fixtures(t) {
		if err := validateAgainst(sch, mustJSON(t, f.r)); err != nil {
			t.Errorf("%s: the exported record does not match the schema: %v", f.name, err)
		}
	}
	r, err := New(hips(), mustDate("2025-03-03"), mustDate("2025-03-03"))
	if err != nil {
		t.Fatal(err)
	}
	if err := validateAgainst(sch, mustJSON(t, r)); err != nil {
		t.Errorf("a new record does not match the schema: %v", err)
	}
}

func TestSchemaRefusesBroken(t *testing.T) {
	sch := compileSchema(t)
	good := string(goldenRecord(t, "tees"))
	tests := []struct{ name, old, new string }{
		{"another format", `"format": "resolve-record"`, `"format": "resolve-audit"`},
		{"version 2", `"version": 1`, `"version": 2`},
		{"unknown field", `"reference":`, `"child_name": "A", "reference":`},
		{"unknown stage field", `"stage": 1,`, `"stage": 1, "colour": "red",`},
		{"date written otherwise", `"arose": "2025-04-14"`, `"arose": "14/04/2025"`},
		{"no such date", `"arose": "2025-04-14"`, `"arose": "2025-02-30"`},
		{"unknown outcome", `"outcome": "not-resolved"`, `"outcome": "maybe"`},
		{"stage 0", `"stage": 1,`, `"stage": 0,`},
		{"flag not a boolean", `"iro": true`, `"iro": "yes"`},
		{"answer id in capitals", `"concern":`, `"Concern":`},
		{"no stages", `"stages": [`, `"stagez": [`},
		{"no id", `"id": "a3c5e7g3i5k7m3o5q7s3u5w7y3",`, ``},
		{"completed without outcome", `,
      "outcome": "not-resolved"
    },
    {
      "stage": 2`, `
    },
    {
      "stage": 2`},
	}
	for _, tt := range tests {
		if !strings.Contains(good, tt.old) {
			t.Fatalf("%s: the golden record has no %q", tt.name, tt.old)
		}
		data := strings.Replace(good, tt.old, tt.new, 1)
		if err := validateAgainst(sch, []byte(data)); err == nil {
			t.Errorf("%s: the schema accepts a broken record", tt.name)
		}
	}
}

// TestSchemaCoversTypes checks that every JSON field of the Go types is in
// the schema, and that the schema has no field the Go types lack.
func TestSchemaCoversTypes(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(SchemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	compareFields(t, "record", reflect.TypeOf(Record{}), schema)
}

var dateType = reflect.TypeOf(workday.Date{})

func compareFields(t *testing.T, path string, typ reflect.Type, node map[string]any) {
	t.Helper()
	props, _ := node["properties"].(map[string]any)
	if props == nil {
		t.Errorf("%s: the schema has no properties", path)
		return
	}
	var goNames []string
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			t.Errorf("%s.%s has no JSON name", path, f.Name)
			continue
		}
		goNames = append(goNames, name)
		sub, ok := props[name].(map[string]any)
		if !ok {
			t.Errorf("the schema lacks %s.%s", path, name)
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Slice {
			items, ok := sub["items"].(map[string]any)
			if !ok {
				t.Errorf("%s.%s: the schema does not describe the items", path, name)
				continue
			}
			sub, ft = items, ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != dateType {
			compareFields(t, path+"."+name, ft, sub)
		}
	}
	var schemaNames []string
	for name := range props {
		schemaNames = append(schemaNames, name)
	}
	sort.Strings(schemaNames)
	sort.Strings(goNames)
	if !reflect.DeepEqual(schemaNames, goNames) {
		t.Errorf("%s: schema fields %q; Go fields %q", path, schemaNames, goNames)
	}
}
