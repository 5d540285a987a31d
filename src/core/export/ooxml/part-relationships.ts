/** The relationships of one part, numbered rId1, rId2… as they are asked for; the same target twice gets one id. */
import type { Relationship } from "./package";

export class PartRelationships {
	private readonly items: Relationship[] = [];

	/** The id of the relationship to `target`, added if new. */
	add(type: string, target: string, external = false): string {
		const known = this.items.find((r) => r.type === type && r.target === target && (r.external === true) === external);
		if (known) return known.id;
		const id = `rId${this.items.length + 1}`;
		this.items.push({ id, type, target, ...(external ? { external } : {}) });
		return id;
	}

	get all(): readonly Relationship[] {
		return this.items;
	}
}
