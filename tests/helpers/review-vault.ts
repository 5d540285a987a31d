/** The vault the command-line review tests start from: a project note and a weekly workflow with one lesson. */

export const WEEKLY_WORKFLOW = `---
coworker: workflow
schedule: "DTSTART;TZID=UTC:20261102T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"
output: "Reports/{{workflow}} {{date}}.md"
sources:
  - "[[Project Alpha]]"
---
Write a short status update.

## Lessons
- Keep it short.
`;

export const REVIEW_VAULT_FILES: Readonly<Record<string, string>> = {
	"Projects/Project Alpha.md": "# Project Alpha\n\n## Risks\n- The design review slipped.",
	"Workflows/Weekly status.md": WEEKLY_WORKFLOW,
};
