import { describe, expect, it } from "vitest";
import { xmlProblem } from "./strict-xml";

describe("the strict XML check the office-export tests rely on", () => {
	it("accepts well-formed XML and names what is wrong otherwise", () => {
		expect(xmlProblem('<?xml version="1.0"?>\n<w:a xmlns:w="u" w:b="1 &amp; 2"><w:c xml:space="preserve">x &lt; y</w:c><w:d/></w:a>')).toBeNull();
		expect(xmlProblem("<a>x < y</a>")).toMatch(/starts no tag/);
		expect(xmlProblem("<a>AT&T</a>")).toMatch(/starts no known reference/);
		expect(xmlProblem('<a b="1" b="2"/>')).toMatch(/b twice/);
		expect(xmlProblem("<a><b></a></b>")).toMatch(/does not close/);
		expect(xmlProblem("<w:a/>")).toMatch(/prefix w of w:a is not declared/);
		expect(xmlProblem("<a/><b/>")).toMatch(/second root/);
		expect(xmlProblem("<a>\u0007</a>")).toMatch(/does not allow/);
		expect(xmlProblem("<a><b>")).toMatch(/never closed/);
		expect(xmlProblem("x<a/>")).toMatch(/text outside the root/);
		expect(xmlProblem("<a x=1/>")).toMatch(/malformed attribute/);
		expect(xmlProblem('<a x="<"/>')).toMatch(/< in the value of x/);
		expect(xmlProblem("")).toMatch(/no root element/);
	});
});
