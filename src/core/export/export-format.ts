/** The office formats a deliverable exports to, and which make sense for which kind of deliverable. Light: no library here. */
import type { DeliverableFormat } from "../deliverable/deliverable-format";

export const EXPORT_FORMATS = ["docx", "pptx", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The formats offered per kind, the natural one first. A summary is too short to be a deck, so no .pptx;
 * .xlsx of a note takes its Markdown tables (and fails with a sentence when it has none).
 */
export const OFFERED_EXPORTS: Record<DeliverableFormat, readonly ExportFormat[]> = {
	report: ["docx", "xlsx"],
	memo: ["docx", "xlsx"],
	summary: ["docx", "xlsx"],
	slides: ["pptx", "docx"],
	table: ["xlsx", "docx"],
};

/** Names for menus (sentence case). */
export const EXPORT_LABELS: Record<ExportFormat, string> = {
	docx: "Word document (.docx)",
	pptx: "PowerPoint slides (.pptx)",
	xlsx: "Excel workbook (.xlsx)",
};

/** What to export: the natural format, every offered one, or the ones named; a name that does not fit is one sentence. */
export function chooseExports(path: string, kind: DeliverableFormat, wanted: "default" | "all" | readonly ExportFormat[]): { ok: true; formats: ExportFormat[] } | { ok: false; error: string } {
	const offered = OFFERED_EXPORTS[kind];
	if (wanted === "default") return { ok: true, formats: [offered[0] ?? "docx"] };
	if (wanted === "all") return { ok: true, formats: [...offered] };
	const unfit = wanted.find((format) => !offered.includes(format));
	if (unfit) return { ok: false, error: `${path} is a ${kind}; it exports to ${offered.join(" or ")}, not ${unfit}.` };
	return { ok: true, formats: [...new Set(wanted)] };
}
