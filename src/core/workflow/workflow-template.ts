/** The note "New workflow note" creates: every field present, each explained by a comment. */

export const WORKFLOW_TEMPLATE = `---
# This note is a workflow: the AI Coworker runs it on its schedule and writes a new deliverable each time.
coworker: workflow
# When to run, in RFC 5545 form. Examples:
#   every Monday at 09:00 in Berlin:  DTSTART;TZID=Europe/Berlin:20260105T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO
#   every weekday at 08:30 (your time zone):  FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30
#   the last Friday of each month at 16:00:  FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=16;BYMINUTE=0
# Or in words: every weekday at 9am, every monday at 09:30 in Europe/Berlin, every 2 weeks on friday at 4pm,
#   every month on the 1st at 8am, every hour ("Show workflows" shows the RRULE the words were read as).
# Leave it empty to run the workflow only by hand ("Run this workflow now").
schedule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
# report, memo, summary, table (a CSV file plus a note) or slides.
format: report
# Where each deliverable goes; {{date}}, {{title}} and {{workflow}} are filled in. Nothing is ever overwritten.
output: "Reports/{{workflow}} {{date}}.md"
# What to read: a note ("[[Project Alpha]]"), a CSV file, or one of
#   - folder: Meetings        (add "changed: since-last-run" or "changed: 7d" to keep only recent notes)
#   - tag: "#client/acme"
#   - search: "renewal risk"
sources:
  - folder: Meetings
    changed: since-last-run
# After Obsidian was closed: latest (run the most recent missed occurrence once), none, or all.
catch_up: latest
---
Write the instruction here, in your own words: what to produce, for whom, in what tone, and what makes it good.

## Lessons
`;
