/** A command refused: an HTTP status for the route and an i18n key (with parameters) for the person. */
export class CommandError extends Error {
	status: number;
	key: string;
	params: Record<string, string | number>;

	constructor(status: number, key: string, params: Record<string, string | number> = {}) {
		super(key);
		this.status = status;
		this.key = key;
		this.params = params;
	}
}
