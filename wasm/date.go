package main

import (
	"strconv"
	"strings"
	"time"

	"resolve/internal/escalation"
	"resolve/internal/workday"
)

// dateTyped reports whether any part of a date field has something in it.
func dateTyped(v values, field string) bool {
	for _, part := range escalation.DateParts() {
		if strings.TrimSpace(v[field+part]) != "" {
			return true
		}
	}
	return false
}

// readDate reads a date typed as day, month and year. It returns the zero
// Date when nothing was typed, and a message in the GOV.UK pattern's words
// when the parts are incomplete or are not a real date.
func readDate(v values, field, label string) (workday.Date, string) {
	var raw [3]string
	var missing []string
	for i, part := range escalation.DateParts() {
		raw[i] = strings.TrimSpace(v[field+part])
		if raw[i] == "" {
			missing = append(missing, part[1:])
		}
	}
	switch len(missing) {
	case 3:
		return workday.Date{}, ""
	case 2:
		return workday.Date{}, label + " must include a " + missing[0] + " and " + missing[1] + "."
	case 1:
		return workday.Date{}, label + " must include a " + missing[0] + "."
	}
	var num [3]int
	for i, s := range raw {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return workday.Date{}, label + " must be a real date, written in numbers."
		}
		num[i] = n
	}
	if len(raw[2]) != 4 {
		return workday.Date{}, "The year in " + lowerFirst(label) + " must include 4 numbers."
	}
	d, m, y := num[0], num[1], num[2]
	if m < 1 || m > 12 || d < 1 || d > workday.DaysIn(y, time.Month(m)) || y < 1900 || y > 2999 {
		return workday.Date{}, label + " must be a real date."
	}
	return workday.Date{Year: y, Month: time.Month(m), Day: d}, ""
}

// lowerFirst lowers the first letter of s ("The date" -> "the date").
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}

// setDate writes d into a date field's three parts, or clears them.
func setDate(v values, field string, d workday.Date) {
	parts := escalation.DateParts()
	if d.IsZero() {
		for _, part := range parts {
			v[field+part] = ""
		}
		return
	}
	v[field+parts[0]] = strconv.Itoa(d.Day)
	v[field+parts[1]] = strconv.Itoa(int(d.Month))
	v[field+parts[2]] = strconv.Itoa(d.Year)
}
