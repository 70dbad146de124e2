// SEC-2: the headers every response leaves with, whoever makes it — a page, a download, a refusal
// (hooks.server.ts) or a file adapter-node serves as it is before the hooks run (server/app-server.ts).
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin'
};
