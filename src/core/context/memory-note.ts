/** The memory note: what the user wants the coworker to keep in mind on every run. */

export const DEFAULT_MEMORY_NOTE_PATH = "Coworker/Memory.md";

/** Written once, when the memory is first used and the note does not exist; from then on it is the user's note. */
export const MEMORY_NOTE_TEMPLATE = `# Coworker memory

The AI Coworker reads this note on every run (as much of it as fits the context budget, the most relevant parts first).
Write down what it should always know, in your own words. For example:

- Preferences: "Reports start with a three-line summary." "Use British spelling."
- Decisions: "We report revenue in EUR." "Acme's renewal owner is Dana."
- People and roles, and a glossary of the team's terms.

Edit or delete anything here at any time. Notes marked \`coworker: private\` are never read, and neither is this note if you mark it so.

## Preferences

## Decisions

## People

## Glossary
`;

/** True when the note still holds nothing but the template's explanation (so there is nothing to send). */
export function isUntouchedMemory(text: string): boolean {
	return text.replace(/\r\n/g, "\n").trim() === MEMORY_NOTE_TEMPLATE.trim();
}
