// Package sitetest tests the example site as readers meet it: built from
// the repository's content/, layouts/ and static/ once, served as a static
// host serves it, and driven in headless Chromium (see package
// browsertest). It holds tests only.
//
// What the tests prove, page by page: zero axe-core violations (WCAG 2.2 A
// and AA) and zero Nu HTML Checker errors on every page; every control
// reachable and operable by keyboard with a visible focus; the contrast
// toggle, dark and more-contrast preferences; reflow at 320 px and 200%
// text; the print stamp; the page budget with JavaScript off (weighed by
// weigh_test.go, which also reports the record module's size); the flowchart
// pages' trainer mode, deep links and embedding in another origin's page;
// search; and no request to any other origin.
//
// The browser tests need what scripts/test-setup installs. `go test -short`
// skips them and says so; the budget test runs without a browser.
package sitetest
