/** Where things sit on a 16:9 slide, in EMU (914,400 to the inch): the master, the layout and the exporter share it. */

export const EMU_PER_INCH = 914400;
/** Image sizes are in pixels at 96 to the inch. */
export const EMU_PER_PIXEL = EMU_PER_INCH / 96;

export interface Box {
	x: number;
	y: number;
	cx: number;
	cy: number;
}

/** PowerPoint's own widescreen size, 13.33 × 7.5 inches. */
export const SLIDE_SIZE = { cx: 12192000, cy: 6858000 } as const;
/** Notes pages are portrait Letter-width, 7.5 × 10 inches. */
export const NOTES_SIZE = { cx: 6858000, cy: 9144000 } as const;

export const TITLE_BOX: Box = { x: 838200, y: 365125, cx: 10515600, cy: 1325563 };
export const BODY_BOX: Box = { x: 838200, y: 1825625, cx: 10515600, cy: 4351338 };

/** On a notes page: the slide's picture above, the notes under it. */
export const NOTES_SLIDE_IMAGE_BOX: Box = { x: 685800, y: 1143000, cx: 5486400, cy: 3086100 };
export const NOTES_BODY_BOX: Box = { x: 685800, y: 4400550, cx: 5486400, cy: 3600450 };

/** `<a:xfrm>` of a box; `tag` is `a:xfrm` in shapes and `p:xfrm` in graphic frames. */
export function xfrmXml(box: Box, tag = "a:xfrm"): string {
	return `<${tag}><a:off x="${Math.round(box.x)}" y="${Math.round(box.y)}"/><a:ext cx="${Math.round(box.cx)}" cy="${Math.round(box.cy)}"/></${tag}>`;
}
