/** The shape tree of a slide, layout, master or notes page (`p:spTree`), and the placeholder shapes in it. */
import { xmlText } from "./package";
import { xfrmXml, type Box } from "./slide-geometry";

/** A shape tree: its own group shape (id 1) first, then the shapes (ids from 2, unique in the part). */
export function shapeTreeXml(shapes: readonly string[]): string {
	return (
		'<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>' +
		'<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>' +
		`${shapes.join("")}</p:spTree>`
	);
}

export interface Placeholder {
	id: number;
	name: string;
	/** The `<p:ph>` attributes, e.g. `type="body" idx="1"`: what ties a slide's shape to its layout's and master's. */
	ph: string;
	/** Absent: the position is inherited (a slide's shape takes its layout's). */
	box?: Box;
	/** `<a:bodyPr>` with its attributes and children; absent: inherited. */
	bodyProperties?: string;
	/** The `<a:p>` elements; absent: a shape without text (a notes page's slide image). */
	paragraphs?: readonly string[];
	/** `<a:spLocks>` attributes beyond noGrp. */
	locks?: string;
}

export function placeholderXml(p: Placeholder): string {
	const locks = `<a:spLocks noGrp="1"${p.locks !== undefined ? ` ${p.locks}` : ""}/>`;
	const geometry = p.box ? `${xfrmXml(p.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>` : "";
	const text =
		p.paragraphs === undefined
			? ""
			: `<p:txBody>${p.bodyProperties ?? "<a:bodyPr/>"}<a:lstStyle/>${p.paragraphs.length > 0 ? p.paragraphs.join("") : "<a:p/>"}</p:txBody>`;
	return (
		`<p:sp><p:nvSpPr><p:cNvPr id="${p.id}" name="${xmlText(p.name)}"/><p:cNvSpPr>${locks}</p:cNvSpPr><p:nvPr><p:ph ${p.ph}/></p:nvPr></p:nvSpPr>` +
		`${geometry !== "" ? `<p:spPr>${geometry}</p:spPr>` : "<p:spPr/>"}${text}</p:sp>`
	);
}

/** The colour map that reads the theme's dark 1 / light 1 as text / background, as every Office master does. */
export const DEFAULT_COLOUR_MAP =
	'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"';

/** A level's default run: the theme's font and text colour. `font` is `mj` (headings) or `mn` (body). */
export function defaultRunXml(size: number, font: "mj" | "mn"): string {
	return `<a:defRPr sz="${size}" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+${font}-lt"/><a:ea typeface="+${font}-ea"/><a:cs typeface="+${font}-cs"/></a:defRPr>`;
}
