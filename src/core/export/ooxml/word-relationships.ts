/**
 * The relationships of word/document.xml: its styles, numbering and settings parts, one per hyperlink address
 * (external) and one per embedded image, whose bytes become a word/media part.
 */
import type { LoadedImage } from "../image-size";
import { IMAGE_CONTENT_TYPES, REL, relationshipsXml, uriReference, type Relationship } from "./package";

/** Part names inside the package (no leading slash). */
export const WORD_PARTS = { document: "word/document.xml", styles: "word/styles.xml", numbering: "word/numbering.xml", settings: "word/settings.xml" } as const;

export class DocumentRelationships {
	private readonly relationships: Relationship[] = [
		{ id: "rId1", type: REL.styles, target: "styles.xml" },
		{ id: "rId2", type: REL.numbering, target: "numbering.xml" },
		{ id: "rId3", type: REL.settings, target: "settings.xml" },
	];
	private readonly links = new Map<string, string>();
	private readonly images = new Map<string, string>();
	/** The media parts by part name (`word/media/image1.png`). */
	readonly media = new Map<string, Uint8Array>();

	/** The relationship id of an external address, one per distinct address. */
	hyperlink(url: string): string {
		const known = this.links.get(url);
		if (known !== undefined) return known;
		const id = this.add(REL.hyperlink, uriReference(url), true);
		this.links.set(url, id);
		return id;
	}

	/** The relationship id of an image by its vault path; its bytes go into the package once however often it appears. */
	image(path: string, image: LoadedImage): string {
		const known = this.images.get(path);
		if (known !== undefined) return known;
		const name = `media/image${this.images.size + 1}.${image.info.type}`;
		const id = this.add(REL.image, name, false);
		this.images.set(path, id);
		this.media.set(`word/${name}`, image.bytes);
		return id;
	}

	/** Content types by extension for the media parts present. */
	mediaContentTypes(): Record<string, string> {
		const types: Record<string, string> = {};
		for (const part of this.media.keys()) {
			const extension = part.slice(part.lastIndexOf(".") + 1);
			const type = IMAGE_CONTENT_TYPES[extension];
			if (type !== undefined) types[extension] = type;
		}
		return types;
	}

	xml(): string {
		return relationshipsXml(this.relationships);
	}

	private add(type: string, target: string, external: boolean): string {
		const id = `rId${this.relationships.length + 1}`;
		this.relationships.push({ id, type, target, external });
		return id;
	}
}
