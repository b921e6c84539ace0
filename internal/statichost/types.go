package statichost

import (
	"path"
	"strings"
)

// contentTypes are the types a static host sends for a site's files: the
// pages and what the build writes, and the images and documents a content
// folder may hold (see package content). They are written out rather than
// taken from the mime package, which reads the machine's own tables and so
// differs between machines.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".webmanifest": "application/manifest+json",
	".wasm":        "application/wasm",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".tsv":         "text/tab-separated-values; charset=utf-8",
	".woff2":       "font/woff2",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".pdf":         "application/pdf",
	".rtf":         "application/rtf",
	".epub":        "application/epub+zip",
	".doc":         "application/msword",
	".xls":         "application/vnd.ms-excel",
	".ppt":         "application/vnd.ms-powerpoint",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx":        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":         "application/vnd.oasis.opendocument.text",
	".ods":         "application/vnd.oasis.opendocument.spreadsheet",
	".odp":         "application/vnd.oasis.opendocument.presentation",
	".odg":         "application/vnd.oasis.opendocument.graphics",
}

// TypeOf returns the content type a host sends for the file name, by its
// extension in any case: application/octet-stream when it is not in the
// table.
func TypeOf(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
