import { describe, expect, it } from "vitest";
import { xmlProblem } from "./xml-well-formed";

describe("the well-formedness check", () => {
	it("accepts well-formed XML with namespaces, references and a declaration", () => {
		expect(xmlProblem('<?xml version="1.0"?>\n<a x="1"><b/>t &amp; &#x2022; &#8226;</a>')).toBeNull();
		expect(xmlProblem('<a:b xmlns:a="u"><!-- c --><a:c r:x="1" xmlns:r="v"/></a:b>')).toBeNull();
	});

	it("refuses what Office refuses and a lax DOM parser lets through", () => {
		const bad = {
			"<a><b></a>": "</a> closes <b>",
			'<a x="1" x="2"/>': "x twice on <a>",
			"<a>&foo;</a>": 'a bare & in "&foo;"',
			"<a><b>c</b>": "<a> is not closed",
			"<p:a/>": "the prefix p of p:a is not declared",
			"<a/><b/>": "more than one root element",
			"<a>\u0007</a>": "a character XML forbids",
			"x<a/>": 'text outside the root: "x"',
			"<a x=1/>": 'cannot read "x=1" in <a>',
			'<a x="<"/>': "a bad value of x on <a>",
			"": "no root element",
		};
		for (const [xml, problem] of Object.entries(bad)) expect(xmlProblem(xml), xml).toBe(problem);
	});
});
