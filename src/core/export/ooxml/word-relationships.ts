/**
 * The relationships of word/document.xml: its styles, numbering and settings parts, one per hyperlink address
 * (external) and one per embedded image, whose bytes become a word/media part.
 */
import type { LoadedImage } from "../image-size";
import { IMAGE_CONTENT_TYPES, REL, relationshipsXml, type Relationship } from "./package";

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

/** Characters a URI may hold as they are (RFC 3986 reserved and unreserved); `%` only as the start of an escape. */
const URI_CHARACTER = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;

/**
 * An address as a URI reference: a relationship target with a space or a non-ASCII letter is not one, and
 * Word reports such a package as corrupt. Characters that cannot be encoded (lone surrogates) are dropped.
 */
export function uriReference(url: string): string {
	const characters = Array.from(url.trim());
	return characters
		.map((ch, i) => {
			if (URI_CHARACTER.test(ch)) return ch;
			if (ch === "%" && /^[0-9A-Fa-f]{2}$/.test(characters.slice(i + 1, i + 3).join(""))) return ch;
			try {
				return encodeURIComponent(ch);
			} catch {
				return ""; // A lone surrogate: not a character at all.
			}
		})
		.join("");
}
