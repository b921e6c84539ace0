package escalation

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"resolve/internal/workday"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return compile(t, "record-v1.schema.json", SchemaJSON)
}

func compileAuditSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return compile(t, "audit-v1.schema.json", AuditSchemaJSON)
}

func compile(t *testing.T, name string, data []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(name)
	if err != nil {
		t.Fatalf("the schema %s does not compile: %v", name, err)
	}
	return sch
}

// unfinished returns records a practitioner may save part way through.
func unfinished(t *testing.T) map[string]*Record {
	empty := &Record{Format: Format, Version: Version, ID: NewID(), Protocol: ProtocolRef{"hips", "2024-06", "england-and-wales"},
		Answers: map[string]string{}, Flags: map[string]bool{}, Stages: []Stage{}}
	out := map[string]*Record{"nothing entered": empty}
	add := func(name string, change func(r *Record)) {
		r := hipsRecord(t)
		change(r)
		out[name] = r
	}
	add("no date it arose", func(r *Record) { r.Arose = workday.Date{} })
	add("no start dates", func(r *Record) {
		for i := range r.Stages {
			r.Stages[i].Started = workday.Date{}
		}
	})
	add("an outcome, no date", func(r *Record) { r.Stages[2].Completed = workday.Date{} })
	add("a date, no outcome", func(r *Record) { r.Stages[2].Outcome = "" })
	add("resolved, nothing agreed yet", func(r *Record) { r.Resolution = "" })
	add("every new field", func(r *Record) {
		r.AgencySector, r.OtherAgencySector, r.Contact = "education", "childrens-social-care", "hampshire"
		r.DutiesDone = []string{"tell-1", "record-1", "flag-sooner"}
	})
	return out
}

// TestSchemaAcceptsVersion1 checks that the files the first release wrote
// are still valid records and audit returns.
func TestSchemaAcceptsVersion1(t *testing.T) {
	rec, audit := compileSchema(t), compileAuditSchema(t)
	for _, name := range []string{"hips", "tees", "iscp"} {
		for _, f := range []struct {
			sch  *jsonschema.Schema
			file string
		}{{rec, name + ".record.json"}, {audit, name + ".audit.json"}} {
			data, err := os.ReadFile(filepath.Join("testdata", "v1", f.file))
			if err != nil {
				t.Fatal(err)
			}
			if err := validateAgainst(f.sch, data); err != nil {
				t.Errorf("%s, written by the first release, does not match the schema: %v", f.file, err)
			}
		}
	}
}

func TestAuditSchemaAcceptsReturns(t *testing.T) {
	sch := compileAuditSchema(t)
	for _, f := range fixtures(t) {
		if err := validateAgainst(sch, mustAuditJSON(t, f.r, f)); err != nil {
			t.Errorf("%s: the audit return does not match the schema: %v", f.name, err)
		}
	}
	p := hips()
	p.Contacts[0].ID = "hampshire"
	for name, r := range unfinished(t) {
		out, _ := AuditJSON(Audit(r, p, englandWales(t)))
		if err := validateAgainst(sch, out); err != nil {
			t.Errorf("%s: the audit return does not match the schema: %v\n%s", name, err, out)
		}
	}
}

func TestAuditSchemaRefusesBroken(t *testing.T) {
	sch := compileAuditSchema(t)
	good := string(mustAuditJSON(t, teesRecord(t), fixtures(t)[1]))
	tests := []struct{ name, old, new string }{
		{"free text", `"state":`, `"notes": "x", "state":`},
		{"an id typed by hand", `"id": "a3c5e7g3i5k7m3o5q7s3u5w7y3"`, `"id": "jsmith"`},
		{"a sector not in the list", `"state":`, `"agency_sector": "Northfield School", "state":`},
		{"unknown state", `"state": "exhausted"`, `"state": "closed"`},
		{"timing without a due date", `"due": "2025-04-25",`, ``},
		{"negative working days", `"working_days": 37`, `"working_days": -1`},
	}
	for _, tt := range tests {
		if !strings.Contains(good, tt.old) {
			t.Fatalf("%s: the audit return has no %q", tt.name, tt.old)
		}
		if err := validateAgainst(sch, []byte(strings.Replace(good, tt.old, tt.new, 1))); err == nil {
			t.Errorf("%s: the schema accepts a broken audit return", tt.name)
		}
	}
}

// TestSchemaSectors checks that both schemas list exactly the sectors the
// form offers.
func TestSchemaSectors(t *testing.T) {
	var want []any
	for _, s := range Sectors() {
		want = append(want, s.ID)
	}
	for name, data := range map[string][]byte{"record": SchemaJSON, "audit": AuditSchemaJSON} {
		var schema struct {
			Defs struct {
				Sector struct {
					Enum []any `json:"enum"`
				} `json:"sector"`
			} `json:"$defs"`
		}
		if err := json.Unmarshal(data, &schema); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(schema.Defs.Sector.Enum, want) {
			t.Errorf("the %s schema's sectors are %q; escalation.Sectors has %q", name, schema.Defs.Sector.Enum, want)
		}
	}
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
	for name, r := range unfinished(t) {
		if err := validateAgainst(sch, mustJSON(t, r)); err != nil {
			t.Errorf("an unfinished record (%s) does not match the schema: %v", name, err)
		}
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
		{"stage without its number", `"stage": 1,`, ``},
		{"a sector not in the list", `"reference":`, `"agency_sector": "Health visiting", "reference":`},
		{"contact not an id", `"reference":`, `"contact": "Tees SCP", "reference":`},
		{"duty ticked off not an id", `"reference":`, `"duties_done": ["Told them"], "reference":`},
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
	var audit map[string]any
	if err := json.Unmarshal(AuditSchemaJSON, &audit); err != nil {
		t.Fatal(err)
	}
	compareFields(t, "audit", reflect.TypeOf(AuditReturn{}), audit)
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
