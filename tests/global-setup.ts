/** Pins the time zone so date handling in tests does not depend on the machine's. */
export default function setup(): void {
	process.env.TZ = "UTC";
}
