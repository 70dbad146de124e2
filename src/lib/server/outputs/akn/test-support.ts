// Helpers for the Akoma Ntoso renderers' tests: schema validation with xmllint, and reading the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { AKN_NS } from './xml.ts';

/** The OASIS schema, in tests/fixtures/akn/ (xml.xsd beside it, and NOTICE.md: where they come from). */
export const AKN_XSD = fileURLToPath(
	new URL('../../../../../tests/fixtures/akn/akomantoso30.xsd', import.meta.url)
);

/** Runs `xmllint --schema` on `xml`; status 0 means valid. */
export function validate(xml: string): { status: number | null; output: string } {
	const dir = mkdtempSync(join(tmpdir(), 'akn-'));
	try {
		const file = join(dir, 'doc.xml');
		writeFileSync(file, xml, 'utf8');
		const run = spawnSync('xmllint', ['--noout', '--schema', AKN_XSD, file], { encoding: 'utf8' });
		if (run.error) throw run.error;
		return { status: run.status, output: `${run.stdout}${run.stderr}` };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export function parse(xml: string): Element {
	const doc = new DOMParser().parseFromString(xml, 'text/xml');
	if (!doc.documentElement) throw new Error('no document element');
	return doc.documentElement;
}

/** Descendants of `el` named `name` in the AKN namespace, in document order. */
export function all(el: Element, name: string): Element[] {
	return Array.from(el.getElementsByTagNameNS(AKN_NS, name));
}

export function one(el: Element, name: string): Element {
	const found = all(el, name);
	if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
	return found[0]!;
}

/** Element children of `el` named `name`. */
export function children(el: Element, name: string): Element[] {
	return Array.from(el.childNodes).filter(
		(n): n is Element => n.nodeType === 1 && (n as Element).localName === name
	);
}

export function byEid(el: Element, eId: string): Element {
	const found = Array.from(el.getElementsByTagName('*')).filter((e) => e.getAttribute('eId') === eId);
	if (found.length !== 1) throw new Error(`expected one eId=${eId}, found ${found.length}`);
	return found[0]!;
}

export function text(el: Element): string {
	return el.textContent ?? '';
}
