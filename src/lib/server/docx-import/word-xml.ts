// Reading WordprocessingML with the DOM: elements by namespace and local name, and their w: attributes.
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** The ISO "Strict" flavour of the same vocabulary, which Word writes only when asked to. */
export const W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
export const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export type XmlResult = { ok: true; doc: Document } | { ok: false; error: string };

/** Parses a part, failing on any error rather than guessing what a damaged file meant. */
export function parseXml(xml: string): XmlResult {
	let problem: string | null = null;
	const parser = new DOMParser({
		onError: (level, message) => {
			if (level !== 'warning') problem ??= message;
		}
	});
	try {
		const doc = parser.parseFromString(xml, 'text/xml');
		if (problem === null && doc.documentElement) return { ok: true, doc };
	} catch (error) {
		problem ??= error instanceof Error ? error.message : String(error);
	}
	return { ok: false, error: problem ?? 'no root element' };
}

/**
 * Whether elements nest more than `max` deep, the root element counting 1 (DOCX-13). A loop over the
 * tree, not a recursion: the trees this is for are the ones too deep to recurse over.
 */
export function nestsDeeperThan(doc: Document, max: number): boolean {
	const root = doc.documentElement;
	if (!root) return false;
	let element: Element = root;
	let depth = 1;
	for (;;) {
		const firstChild = firstElement(element.firstChild);
		if (firstChild) {
			element = firstChild;
			if (++depth > max) return true;
			continue;
		}
		// No children: on to the next sibling, of this element or of the nearest ancestor that has one.
		for (;;) {
			if (element === root) return false;
			const sibling = firstElement(element.nextSibling);
			if (sibling) {
				element = sibling;
				break;
			}
			element = element.parentNode as Element;
			depth--;
		}
	}
}

function firstElement(from: Node | null): Element | null {
	for (let node = from; node; node = node.nextSibling) if (node.nodeType === 1) return node as Element;
	return null;
}

export function isW(node: { namespaceURI?: string | null; localName?: string | null }, name?: string) {
	return node.namespaceURI === W && (name === undefined || node.localName === name);
}

/** Child elements, in order; those in the w: namespace named `name` if given. */
export function elements(parent: Element | Document, name?: string): Element[] {
	const out: Element[] = [];
	for (let node = parent.firstChild; node; node = node.nextSibling) {
		if (node.nodeType !== 1) continue;
		const element = node as Element;
		if (name === undefined || isW(element, name)) out.push(element);
	}
	return out;
}

export function child(parent: Element | null | undefined, name: string): Element | null {
	return parent ? (elements(parent, name)[0] ?? null) : null;
}

/** A w: attribute, e.g. w:val. */
export function attr(element: Element | null | undefined, name: string): string | null {
	if (!element) return null;
	return element.getAttributeNS(W, name) ?? null;
}

/** The w:val of the named child: how most of WordprocessingML's properties are written. */
export function val(parent: Element | null | undefined, name: string): string | null {
	return attr(child(parent, name), 'val');
}

/** On/off properties: present with no value, or a value other than false/0/off, means on. */
export function isOn(parent: Element | null | undefined, name: string): boolean {
	const element = child(parent, name);
	if (!element) return false;
	const value = attr(element, 'val');
	return value === null || !['false', '0', 'off'].includes(value);
}

/** Every descendant in the w: namespace with this local name, in document order. */
export function descendants(parent: Element, name: string): Element[] {
	return Array.from(parent.getElementsByTagNameNS(W, name));
}

/** Relationship targets of a .rels part by the last segment of their type, e.g. 'footnotes'. */
export function relationships(doc: Document): Map<string, string> {
	const targets = new Map<string, string>();
	for (const rel of Array.from(doc.getElementsByTagNameNS(RELS, 'Relationship'))) {
		const type = rel.getAttribute('Type') ?? '';
		const target = rel.getAttribute('Target');
		const kind = type.slice(type.lastIndexOf('/') + 1);
		if (target && rel.getAttribute('TargetMode') !== 'External' && !targets.has(kind))
			targets.set(kind, target);
	}
	return targets;
}
