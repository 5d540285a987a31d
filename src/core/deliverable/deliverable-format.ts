/** The kinds of deliverable, and what each asks of the model. */

export const DELIVERABLE_FORMATS = ["report", "memo", "summary", "table", "slides"] as const;
export type DeliverableFormat = (typeof DELIVERABLE_FORMATS)[number];

export function isDeliverableFormat(value: string): value is DeliverableFormat {
	return (DELIVERABLE_FORMATS as readonly string[]).includes(value);
}

/** Names for menus (sentence case). */
export const FORMAT_LABELS: Record<DeliverableFormat, string> = {
	report: "Report",
	memo: "Memo",
	summary: "Summary",
	table: "Table (CSV)",
	slides: "Slides",
};

/** What the model is told to produce, per format. The pipeline adds provenance and the sources list itself. */
export const FORMAT_INSTRUCTIONS: Record<DeliverableFormat, string> = {
	report:
		"Write a report in Markdown: a title as a level-1 heading, a short summary, then sections with level-2 headings. " +
		"Be concrete; put decisions, risks and owners where the sources give them.",
	memo:
		"Write a memo in Markdown: a title as a level-1 heading, then To / From / Date / Subject lines if the sources give them, " +
		"then the message in short paragraphs, ending with the decision or action asked for.",
	summary: "Write a summary in Markdown: a title as a level-1 heading, then a few short paragraphs or bullet points with the essentials.",
	table:
		"Produce a table as CSV inside one ```csv fenced code block: the first line is the header, one row per line, " +
		"commas between fields, double quotes around fields that contain commas, quotes or line breaks. " +
		"You may write one or two sentences before the block saying what the table holds; put citations there, not in the cells.",
	slides:
		"Write a slide deck in Markdown for Obsidian's Slides: slides are separated by a line containing only ---, " +
		"each slide starts with a heading, holds at most about six bullet points, and the first slide is the title slide.",
};
