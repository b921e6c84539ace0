// Package auditpage is the partnership's audit page (/audit/) in the
// browser: the whole of its WebAssembly module (wasm/audit, a module of its
// own, so that the record form's stays as small as it can be).
//
// The manager opens or drops any number of audit returns and whole saved
// records. Each file is read in the page, never sent anywhere, and counted
// by package audit, the same summary `resolve audit` prints: a record is
// turned into its audit return as it is read, so nothing typed in it is
// shown or kept. While files are read the page stays usable: the page's
// script reads batches of files (never asking a file's size first, which
// costs a round trip to the file system per file), each is counted as its
// batch arrives, and the summary is drawn again every second and a half or
// so, then once at the end. The summary's
// tables and SVG charts (package chart) are built element by element;
// nothing here parses markup.
//
// # The page's contract
//
// layouts/audit.html renders the page; the module needs these ids:
//
//	audit-page                  the tool, hidden until the module runs; data-module, data-exec
//	                            (or data-manifest, which names them), data-site
//	protocol-data               <script type="application/json">: {"protocols": [{"protocol", "calendar"}]}
//	audit-status-text           what the tool is doing (in a role="status" box)
//	audit-error                 a failure of the tool itself (role="alert")
//	audit-files, audit-drop     the file input, and the box files may be dropped on
//	audit-progress-group        the progress bar's group, and audit-progress itself
//	audit-from, audit-to        date inputs: <id>-day|-month|-year, <id>-group, <id>-error
//	audit-error-summary(-list)  the GOV.UK error summary for the date range
//	audit-publish               checkbox: counts under 5 as "fewer than 5"
//	audit-keep, audit-forget    checkbox: keep the returns in this browser; button: delete them
//	audit-keep-result           what keeping did (role="status")
//	audit-clear                 button: start again with no files
//	audit-results               the summary, hidden until there is one; audit-describe,
//	                            audit-csv, audit-report (downloads), audit-file-notes,
//	                            audit-contents-list, audit-summary
//
// # What is kept
//
// Nothing, unless the manager ticks audit-keep: then the audit returns
// (never a record, never a file name) are kept in the browser's local
// storage under "resolve-audit-returns", updated as files are read, and
// deleted by audit-forget, by unticking, or from another page of the site.
// Storage is read back as outside input: each return is checked again.
//
// The files without a build constraint (page data, dates, storage) are
// tested on the host; the rest runs only in the browser and is tested by
// internal/sitetest's audit tests in Chromium.
package auditpage
