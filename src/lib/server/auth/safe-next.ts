// Where signing in leads (SEC-1): back to the page asked for, on this site, and nowhere else.
const PROBE = 'http://drafting-room.invalid';

/**
 * A path on this site from a `?next=` value, else '/'. Browsers read a backslash as a slash and drop
 * tabs and newlines inside a URL, so `/\evil.example/` and `/<tab>/evil.example/` both mean
 * `//evil.example/`, another site (SvelteKit refused to redirect there, with a 500). The value is
 * resolved as a browser would and kept only if it stays on the site; what is returned is that
 * resolution, so it cannot be read differently later.
 */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/')) return '/';
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
	if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/';
	let url: URL;
	try {
		url = new URL(next, PROBE);
	} catch {
		return '/';
	}
	if (url.origin !== PROBE) return '/';
	const path = url.pathname + url.search + url.hash;
	return path.startsWith('//') ? '/' : path;
}
