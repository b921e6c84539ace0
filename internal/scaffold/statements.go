package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// The statements every public-sector site must publish, which New starts
// at the top of the content folder when the site has none: an accessibility
// statement in the sections of the GOV.UK model statement, and a privacy
// notice saying what the site keeps in the browser. What resolve itself
// does (the contrast choice, the opted-in draft, the offline copies, no
// cookies, no analytics, records that never leave the device) is written
// out; what only the partnership knows is a placeholder in square brackets,
// which `resolve check` reports until it is replaced. The build warns about
// a site without them (see package build).
var statementFiles = []starterFile{
	{"accessibility.md", mustParse("accessibility.md", accessibilityTemplate)},
	{"privacy.md", mustParse("privacy.md", privacyTemplate)},
}

// writeStatements writes each statement the content folder does not have
// yet, and returns the files written. An existing statement is never
// replaced.
func writeStatements(root string, data starter) ([]string, error) {
	var written []string
	for _, f := range statementFiles {
		name := filepath.Join(root, f.name)
		if _, err := os.Lstat(name); err == nil {
			continue
		}
		b, err := render(f, data)
		if err != nil {
			return written, err
		}
		// O_EXCL: a file made meanwhile is kept, never overwritten.
		out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return written, err
		}
		_, err = out.Write(b)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return written, err
		}
		written = append(written, filepath.ToSlash(name))
	}
	return written, nil
}

const accessibilityTemplate = `---
# The accessibility statement UK public-sector websites must publish, in the
# sections of the GOV.UK model statement. Replace every [placeholder], and
# keep the statement true: say only what has been tested, and review it at
# least once a year.
title: Accessibility statement
description: How accessible this site is, what is not, how to report a problem, and how the site was tested.
weight: 91
---
This accessibility statement applies to {{ph "site"}}, {{ph "partnership"}}'s
procedures for resolving professional disagreements.

## Using this site

This site is run by {{ph "partnership"}}. We want as many people as possible to
be able to use it. You should be able to:

- read every page on a screen 320 pixels wide, or with text at twice its usual
  size, without scrolling sideways
- switch to high-contrast colours, and have the site follow your device's dark
  mode and "more contrast" settings
- reach and use every link, button and form field with a keyboard alone
- read every page with JavaScript turned off (the record form then works as a
  template to print)
- read each flowchart as a numbered list of its stages, as well as a drawing

[AbilityNet has advice on making your device easier to use](https://mcmw.abilitynet.org.uk/)
if you have a disability.

## How accessible this site is

We know of these limits:

- The record form works out due dates, saves your record to a file and keeps a
  draft only when JavaScript and WebAssembly can run in your browser. Without
  them you can still read the form, type in it and print the blank template.
- The files you download from the record form are opened by other programs,
  and how accessible they are depends on those programs.
- {{ph "not-accessible"}}

## Feedback and contact information

If you need information on this site in a different format, such as large
print, easy read, audio or braille, contact {{ph "contact"}}.
We will reply within {{ph "reply-days"}} working days.

## Reporting accessibility problems with this site

We are always looking to improve the accessibility of this site. If you find a
problem not listed on this page, or think we are not meeting the accessibility
requirements, contact {{ph "contact"}}.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing
the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
Accessibility Regulations 2018 (the "accessibility regulations"). If you are
not happy with how we respond to your complaint, contact the
[Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/).
In Northern Ireland, contact the
[Equality Commission for Northern Ireland](https://www.equalityni.org/).

## Technical information about this site's accessibility

{{ph "partnership"}} is committed to making this site accessible, in accordance
with the accessibility regulations.

### Compliance status

{{ph "compliance"}}

### Non-accessible content

{{ph "failures"}}

## How we tested this site

The layouts and scripts this site is built with are tested on resolve's
example site, in the Chromium browser, with axe-core's WCAG 2.2 A and AA rules
on every page, by keyboard on a page of every layout, at 320 pixels wide and
200% text, with JavaScript turned off, and with the Nu HTML Checker.

{{ph "tested"}}

## Preparation of this accessibility statement

This statement was prepared on {{ph "date"}}. It was last reviewed on {{ph "date"}}.
`

const privacyTemplate = `---
# What the site keeps in a reader's browser and what it never collects. The
# sections about the site are true of every site resolve builds; replace
# every [placeholder] with what only your partnership knows.
title: Privacy notice
description: What this site keeps in your browser, what never leaves your device, and what it does not do.
weight: 92
---
## In short

- This site sets no cookies and uses no analytics, tracking or content from
  other websites.
- Nothing you type into an escalation record is sent to this site or to anyone
  else.
- The site keeps a few things in your own browser, listed below, so that it
  works the way you chose and works offline. You can remove them at any time.

This site is run by {{ph "partnership"}}. To ask about your personal data,
contact {{ph "dpo"}}.

## What the site keeps in your browser

### Your contrast choice

If you switch on the high-contrast colours, your browser remembers that choice
on this device, so the next page opens the same way. Switching it off again
removes it.

### A draft of your record, only if you ask

The escalation record form can keep a draft in your browser while you work,
but only if you tick the box to keep one. The draft stays on this device, in
this browser, and is updated as you type. Untick the box, or use the form's
option to delete the draft, and it is removed in one step. A shared or public
computer is not a safe place to keep a draft: save your record to a file
instead.

### Copies of the site's pages for offline use

So that you can read the procedures and use the record form without a
connection, your browser keeps copies of this site's own pages and files,
including the search index (or the parts of it you have used). These copies
hold only what the site publishes, never anything you type.

To remove everything the site keeps, clear this site's data in your browser's
settings.

## Your escalation record

Everything you type into a record stays on your device. The form works out due
dates and makes the files you download inside your browser, without sending
anything. A record only leaves your device if you save the file and share it
yourself: save and share it only in the ways your organisation allows.

## Requests to the site

This site is served by {{ph "host"}}. Like any web host, it may keep a short
record of each request, such as your IP address, the page asked for and the
time: see {{ph "host-policy"}}. When you open the search results page,
the words you searched for are part of its address.

## If you have a concern

If you are unhappy with how your personal data has been handled, you can
complain to the [Information Commissioner's Office](https://ico.org.uk/make-a-complaint/).
`
