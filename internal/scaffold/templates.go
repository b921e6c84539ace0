package scaffold

// The starter files. Where a partnership must put its own wording, a
// placeholder from package placeholder ({{ph "partnership"}} writes
// [Partnership name]); everything else is a working example.

const indexTemplate = `---
# The procedure's home page. Its title is the procedure's name everywhere on
# the site; the description is shown in lists and to search engines.
title: "{{ph "partnership"}}: resolving professional disagreements"
description: >-
  How practitioners in {{ph "area"}} challenge, escalate and resolve a disagreement
  about a child's safety or welfare.
# weight orders the procedures on the home page: lower comes first.
weight: 50

# The procedure itself, as data. Every page of the procedure, the flowchart,
# the record form, the due dates and the "What changed" page are made from
# it. Keys are listed in internal/protocol/protocol.go; an unknown key is an
# error, reported with this file's name and the line.
protocol:
  # The id is this folder's name: the URL segment (/{{.ID}}/) and the key
  # stamped into every record. Do not change it once records exist.
  id: {{.ID}}

  # The partnership's full name, as practitioners know it.
  partnership: "{{ph "partnership"}}"

  # Which days count as working days for the timescales:
  #   england-and-wales | scotland | northern-ireland
  # (the UK government's bank holidays, kept up to date), or the id of a
  # custom calendar declared in a calendars: list, such as the one below.
  calendar: england-and-wales

  # A custom calendar (for a partnership the UK government's holidays do not
  # cover) starts from a built-in calendar and adds or removes dated days.
  # Declare it beside the protocol: block, at the top level of this front
  # matter, then name its id in calendar: above.
  #
  # calendars:
  #   - id: {{.ID}}-days
  #     name: "Our area's working days"
  #     base: england-and-wales
  #     add:
  #       - {date: 2028-05-09, name: Liberation Day}
  #     remove:
  #       - {date: 2026-08-31, name: Summer bank holiday}

  # The version practitioners see, stamped into every record they make.
  # Change it, and published, whenever the procedure changes, and add an
  # entry to changes: at the end.
  version: "{{.Version}}"
  published: {{.Published}}
  # When the procedure must next be reviewed: resolve check warns 60 days
  # before, and once it has passed.
  review_due: {{.ReviewDue}}

  # Optional: a banner shown at the top of every page of the procedure.
  emergency: >-
    If a child is in immediate danger, call 999 now. Do not wait to resolve
    a disagreement first.

  # The conditions that must all hold for the procedure to apply.
  when_to_use:
    - You disagree with a decision or the practice of another professional about a child you work with.
    - You believe the decision or practice could leave the child at risk of harm.
    - You have already raised your concern in the usual ways, and it has not been settled.

  # The stages, in order; they are numbered from 1.
  #   title, who, summary   required
  #   due        the timescale, one of
  #                {working_days: N, after: concern}    N working days after the disagreement arose
  #                {working_days: N, after: previous}   N working days after the previous stage ended
  #                {calendar_days: N, after: ...}       counting every day, weekends and holidays included
  #              with no due at all, the stage is "as soon as possible"
  #   record     optional: what to write down at this stage
  #   prompts    optional: questions to guide the conversation
  #   page       optional: the page in this folder that describes the stage
  stages:
    - title: Talk to your line manager or safeguarding lead
      who: You and your line manager or safeguarding lead
      summary: >-
        Talk the disagreement through, agree exactly what it is about and
        what it could mean for the child, and decide whether to take it
        further.
      due: {working_days: 2, after: concern}
      record: What the disagreement is about, its likely impact on the child and what you decided.
      prompts:
        - What decision or practice concerns you, and why?
        - What could it mean for the child?
      page: stage-1.md
    - title: Talk to the other professional
      who: You and the professional you disagree with
      summary: >-
        Speak to the other professional directly, by phone, video call or in
        person, and try to agree a way forward together.
      due: {working_days: 3, after: previous}
      record: Each professional's view and what you agreed.
      page: stage-2.md
    - title: Managers or safeguarding leads meet
      who: Your manager or safeguarding lead and their counterpart in the other agency
      summary: >-
        If you still disagree, your managers or safeguarding leads talk and
        decide what happens next, and tell you both.
      due: {working_days: 5, after: previous}
      page: stage-3.md

  # Yes/no facts about the case that change what must happen. Each has an
  # id (letters, digits, - and _), the question, and the action it brings.
  #   from_stage   optional: the stage from which the action applies (default 1)
  #   urgent       optional: true shows the action at once, prominently
  flags:
    - id: child_protection_plan
      question: Is the child subject to a child protection plan?
      action: Tell the child protection conference chair about the disagreement.
      from_stage: 2
    - id: immediate_risk
      question: Is the child at risk of immediate harm?
      action: Do not use this procedure. Call 999 or make an urgent referral to children's social care now.
      urgent: true

  # The questions a practitioner answers before escalating, shown on the
  # record form. Each has an id, the question and an optional hint.
  template:
    - id: concern
      question: What decision or practice concerns you?
      hint: Say who made the decision, when, and what it was.
    - id: impact
      question: What impact could it have on the child?
    - id: outcome
      question: What would you like to happen?

  # How to reach the partnership. Each contact has a name and at least one
  # of email, phone or url; role is optional.
  contacts:
    - name: "{{ph "partnership"}} business unit"
      role: Questions about this procedure
      email: safeguarding@example.org
      phone: "01234 567890"
      url: https://example.org/safeguarding

  # Each published version, newest first, with what changed. The site
  # lists them on /{{.ID}}/changes/ and in its feed of updates.
  changes:
    - version: "{{.Version}}"
      date: {{.Published}}
      summary: First published.
---
## About this procedure

This procedure is for professionals who disagree about how to keep a child
safe. Follow it in order: most disagreements are settled at the first or
second stage.

If a child is in immediate danger, call 999 now.

## Before you start

Read [preparing your concern](preparing-your-concern.md), then use the
[record form](/{{.ID}}/record/) to note each stage as it happens. Your record
stays on your device until you save it.

## The stages

1. [Talk to your line manager or safeguarding lead](stage-1.md)
2. [Talk to the other professional](stage-2.md)
3. [Managers or safeguarding leads meet](stage-3.md)
`

const stage1Template = `---
title: "Stage 1: talk to your line manager or safeguarding lead"
description: Agree what the disagreement is about before you take it further.
weight: 1
---
## What happens

Talk the disagreement through with your line manager or safeguarding lead.
Agree what you disagree with, what it could mean for the child, and whether
to take it further.

## What to record

Write down what the disagreement is about, its likely impact on the child
and what you decided. The [record form](/{{.ID}}/record/) has a place for each.

## Next

If the disagreement is not settled, go to [stage 2](stage-2.md).
`

const stage2Template = `---
title: "Stage 2: talk to the other professional"
description: Speak directly to the professional you disagree with.
weight: 2
---
## What happens

Speak to the other professional directly, by phone, video call or in
person. Listen to their view, explain yours, and try to agree a way forward.

## What to record

Write down each professional's view and what you agreed.

## Next

If you still disagree, go to [stage 3](stage-3.md). Go back to
[stage 1](stage-1.md) if you need to agree your concern again first.
`

const stage3Template = `---
title: "Stage 3: managers or safeguarding leads meet"
description: Managers or safeguarding leads decide what happens next.
weight: 3
---
## What happens

Your manager or safeguarding lead talks to their counterpart in the other
agency. Together they decide what happens next, and tell you both.

## If it is still not settled

Contact the partnership: the details are on the procedure's contacts page.
`

const preparingTemplate = `---
title: Preparing your concern
description: What to think through before you raise a disagreement.
weight: 4
---
## Be clear about the concern

Say what the decision or practice is, who made it and when, and why it
worries you. Keep the child at the centre: what could it mean for them?

## Use the record form

The [record form](/{{.ID}}/record/) asks the same questions, works out when
each stage is due, and lets you save your record to a file you keep.
`
