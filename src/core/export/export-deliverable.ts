/**
 * Exports a deliverable note to office files written beside it (numbered, never overwriting) and linked from
 * its `exports` property. Every file is built in memory first, so bad input leaves nothing behind.
 * This module pulls in the office libraries: the app loads it with import() on first use.
 */
import type { VaultReader } from "../ports/vault-reader";
import type { VaultWriter } from "../ports/vault-writer";
import type { VaultLinks } from "../ports/vault-links";
import type { NoteEditor } from "../ports/note-editor";
import type { RunLog } from "../ledger/run-log";
import { parseNote } from "../notes/parse-note";
import { isDeliverableFormat, type DeliverableFormat } from "../deliverable/deliverable-format";
import { firstFreePath } from "../deliverable/output-path";
import { parseCsv } from "../context/csv-table";
import { chooseExports, type ExportFormat } from "./export-format";
import { imagesOf, plainText, type ExportDocument } from "./export-document";
import { readMarkdown } from "./read-markdown";
import { imageInfo } from "./image-size";
import { exportDocx, type LoadedImage } from "./docx-export";
import { exportPptx } from "./pptx-export";
import { excelLimitProblem, exportXlsx, type SheetTable } from "./xlsx-export";

export interface ExportPorts {
	reader: VaultReader;
	writer: VaultWriter;
	links: VaultLinks;
	editor: NoteEditor;
	/** Where run records are kept: the run that wrote the deliverable lists its exports too. Null: none kept. */
	runLog: RunLog | null;
}

/** `warnings`: sentences about what was exported but could not be recorded (the run record). */
export type ExportResult = { ok: true; deliverable: string; files: string[]; warnings: string[] } | { ok: false; error: string };

/** The property that links a deliverable to its office files. */
export const EXPORTS_PROPERTY = "exports";

export async function exportDeliverable(path: string, wanted: "default" | "all" | readonly ExportFormat[], ports: ExportPorts): Promise<ExportResult> {
	let text: string;
	try {
		text = await ports.reader.read(path);
	} catch {
		return { ok: false, error: `${path} does not exist or cannot be read.` };
	}
	const note = parseNote(path, text);
	if (note.properties.coworker !== "deliverable") return { ok: false, error: `${path} is not a deliverable (its properties do not say coworker: deliverable); nothing was exported.` };
	const kind: DeliverableFormat = typeof note.properties.format === "string" && isDeliverableFormat(note.properties.format) ? note.properties.format : "report";
	const chosen = chooseExports(path, kind, wanted);
	if (!chosen.ok) return chosen;
	const read = readMarkdown(path, text, ports.links);
	if (!read.ok) return read;
	const images = await loadImages(path, read.document, ports.reader);
	if (!images.ok) return images;

	const built: { format: ExportFormat; bytes: Uint8Array }[] = [];
	for (const format of chosen.formats) {
		const bytes = await build(format, path, kind, previewCsvLinks(note), read.document, images.images, ports);
		if (!bytes.ok) return bytes;
		built.push({ format, bytes: bytes.bytes });
	}

	const stem = path.replace(/\.md$/i, "");
	const written: string[] = [];
	for (const { format, bytes } of built) {
		const target = await firstFreePath(`${stem}.${format}`, (candidate) => ports.writer.exists(candidate));
		try {
			await ports.writer.createBinary(target, bytes);
			written.push(target);
		} catch (error) {
			for (const done of written) await ports.writer.remove(done).catch(() => undefined);
			return { ok: false, error: `${target} could not be written (${error instanceof Error ? error.message : String(error)}); nothing was exported.` };
		}
	}
	for (const file of written) await ports.editor.addToListProperty(path, EXPORTS_PROPERTY, `[[${ports.links.linktext(file, path)}]]`);
	const warnings: string[] = [];
	// The note's property is the link a user sees; the run record is the audit trail, and failing to update it loses no file.
	await ports.runLog?.addExports(path, written).catch((error: unknown) => warnings.push(`The run record of ${path} could not list the export (${error instanceof Error ? error.message : String(error)}).`));
	return { ok: true, deliverable: path, files: written, warnings };
}

async function build(
	format: ExportFormat,
	path: string,
	kind: DeliverableFormat,
	linkTargets: readonly string[],
	document: ExportDocument,
	images: ReadonlyMap<string, LoadedImage>,
	ports: ExportPorts,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }> {
	switch (format) {
		case "docx":
			return { ok: true, bytes: await exportDocx(document, images) };
		case "pptx":
			return { ok: true, bytes: await exportPptx(document, images) };
		case "xlsx": {
			const tables = kind === "table" ? await csvTable(path, linkTargets, ports) : markdownTables(path, document);
			if (!tables.ok) return tables;
			for (const table of tables.tables) {
				const over = excelLimitProblem(table, table.label);
				if (over !== null) return { ok: false, error: `${path}: ${over}; nothing was exported.` };
			}
			return { ok: true, bytes: await exportXlsx(tables.tables, document.provenance) };
		}
	}
}

/** The CSV links of a table note's Preview section ("Full table: [[….csv]]"), which follow a rename; not its sources' CSVs. */
function previewCsvLinks(note: ReturnType<typeof parseNote>): string[] {
	const preview = note.sections.find((section) => section.heading?.trim().toLowerCase() === "preview");
	if (!preview) return [];
	return note.links.filter((link) => link.line >= preview.startLine && link.line < preview.endLine && /\.csv$/i.test(link.target)).map((link) => link.target);
}

/** A table for the workbook, with how a sentence about it names it. */
type LabelledTable = SheetTable & { label: string };

/** A table deliverable's CSV: the one its Preview links to, else the file beside it with the same name. */
async function csvTable(path: string, linkTargets: readonly string[], ports: ExportPorts): Promise<{ ok: true; tables: LabelledTable[] } | { ok: false; error: string }> {
	const linked = linkTargets.filter((target) => /\.csv$/i.test(target)).map((target) => ports.links.resolve(target, path));
	const csvPath = linked.find((target): target is string => target !== null) ?? path.replace(/\.md$/i, ".csv");
	let text: string;
	try {
		text = await ports.reader.read(csvPath);
	} catch {
		return { ok: false, error: `${path}: its table ${csvPath} is gone or cannot be read; nothing was exported.` };
	}
	const parsed = parseCsv(csvPath, text);
	if (!parsed.ok) return { ok: false, error: `${parsed.error.replace(/\.$/, "")}; nothing was exported.` };
	return { ok: true, tables: [{ name: "Table", label: `its table ${csvPath}`, header: parsed.table.header, rows: parsed.table.rows }] };
}

/** The note's own Markdown tables, one sheet each. */
function markdownTables(path: string, document: ExportDocument): { ok: true; tables: LabelledTable[] } | { ok: false; error: string } {
	const tables = document.blocks.flatMap((block) => (block.kind === "table" ? [block.rows.map((row) => row.map(plainText))] : []));
	if (tables.length === 0) return { ok: false, error: `${path} has no tables to put in a workbook; nothing was exported.` };
	return { ok: true, tables: tables.map(([header = [], ...rows], i) => ({ name: tables.length === 1 ? "Table" : `Table ${i + 1}`, label: tables.length === 1 ? "its table" : `its table ${i + 1}`, header, rows })) };
}

async function loadImages(path: string, document: ExportDocument, reader: VaultReader): Promise<{ ok: true; images: Map<string, LoadedImage> } | { ok: false; error: string }> {
	const images = new Map<string, LoadedImage>();
	for (const image of imagesOf(document)) {
		let bytes: Uint8Array;
		try {
			bytes = await reader.readBinary(image.path);
		} catch (error) {
			return { ok: false, error: `${path}: the embedded image ${image.written} could not be read (${error instanceof Error ? error.message : String(error)}); nothing was exported.` };
		}
		const info = imageInfo(bytes);
		if (!info) return { ok: false, error: `${path}: the embedded image ${image.written} is not a readable PNG, JPEG or GIF file; nothing was exported.` };
		images.set(image.path, { bytes, info });
	}
	return { ok: true, images };
}
