package escalation

import _ "embed"

// SchemaJSON is the JSON Schema (draft 2020-12) of a version 1 record. The
// site publishes it at /schema/record-v1.json.
//
//go:embed record-v1.schema.json
var SchemaJSON []byte

// AuditSchemaJSON is the JSON Schema (draft 2020-12) of a version 1 audit
// return. The site publishes it at /schema/audit-v1.json.
//
//go:embed audit-v1.schema.json
var AuditSchemaJSON []byte
