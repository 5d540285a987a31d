import { afterEach, describe, expect, it, vi } from "vitest";
import { uiClock } from "../../src/obsidian/adapters/ui-clock";

describe("the app's clock", () => {
	afterEach(() => vi.restoreAllMocks());

	it("yields through messages, never a timer (nested timers are clamped to 4 ms each)", async () => {
		const timer = vi.spyOn(globalThis, "setTimeout");
		for (let i = 0; i < 50; i++) await uiClock.yieldToHost();
		expect(timer).not.toHaveBeenCalled();
	});

	it("gives the turns in the order they were asked for, each after the code that asked has run on", async () => {
		const order: string[] = [];
		const turns = [0, 1, 2, 3].map((i) => uiClock.yieldToHost().then(() => order.push(`turn ${i}`)));
		order.push("asker ran on");
		await Promise.resolve();
		order.push("microtasks ran");
		await Promise.all(turns);
		expect(order).toEqual(["asker ran on", "microtasks ran", "turn 0", "turn 1", "turn 2", "turn 3"]);
	});
});
