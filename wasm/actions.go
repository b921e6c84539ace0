//go:build js && wasm

package main

import (
	"strconv"
	"strings"

	"resolve/internal/escalation"
)

// actionCount returns how many action rows the form has.
func (a *app) actionCount() int { return len(a.form.QueryAll(".action-row")) }

// addAction adds an empty action row, a copy of the last with its number
// changed.
func (a *app) addAction() {
	rows := a.form.QueryAll(".action-row")
	if len(rows) == 0 {
		return
	}
	n := len(rows)
	// ActionField with no name is the prefix of every id of the row: "actions.3.".
	from, to := escalation.ActionField(n, ""), escalation.ActionField(n+1, "")
	row := rows[n-1].Clone()
	row.SetAttr("id", "action-"+strconv.Itoa(n+1))
	row.SetAttr("data-action", strconv.Itoa(n+1))
	for _, el := range row.QueryAll("[id], [name], [for], [aria-describedby]") {
		for _, attr := range []string{"id", "name", "for", "aria-describedby"} {
			if val, ok := el.Attr(attr); ok {
				el.SetAttr(attr, strings.ReplaceAll(val, from, to))
			}
		}
	}
	for _, c := range row.QueryAll("input, textarea") {
		c.SetFormValue("")
	}
	for _, g := range row.QueryAll(".form-group-error") {
		g.SetClass("form-group-error", false)
	}
	for _, e := range row.QueryAll(".error-message") {
		e.Clear()
		e.SetHidden(true)
	}
	row.Query(".action-number").SetText(strconv.Itoa(n + 1))
	rows[n-1].Parent().Append(row)
}
