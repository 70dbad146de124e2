// XML plumbing shared by the Akoma Ntoso renderers: the namespace, eIds that stay unique, indentation
// that never reaches into text (xmlbuilder2's own pretty printer would put newlines inside paragraphs),
// and text and attribute values escaped so that any text gives well-formed XML (OUT-7).
import { create } from 'xmlbuilder2';
import { printable } from '#lib/domain/outputs/printable.ts';

export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

export type El = ReturnType<typeof create>;

/** Elements whose content is running text: whitespace added inside them would become part of the words. */
const MIXED = new Set([
	'p',
	'heading',
	'num',
	'docTitle',
	'docStatus',
	'docProponent',
	'docNumber',
	'docDate',
	'affectedDocument',
	'ref',
	'del',
	'ins',
	'outcome',
	'sup'
]);

/** A new document's root element, <akomaNtoso> in the AKN 3.0 namespace (children inherit it). */
export function aknRoot(): El {
	return create({ version: '1.0', encoding: 'UTF-8' }).ele(AKN_NS, 'akomaNtoso');
}

/** The document as UTF-8 XML with a declaration, element-only content indented by two spaces. */
export function serialize(root: El): string {
	const top = root.node as unknown as Element;
	escapeValues(top);
	indent(top, 1);
	const xml = root.end({ prettyPrint: false });
	return xml.replace(/^(<\?xml[^>]*\?>)/, '$1\n') + '\n';
}

/**
 * Readies every text and attribute value of the tree for xmlbuilder2's serializer, which escapes `<`,
 * `>` and (in attributes) `"`, but escapes `&` only where it does not look like a reference: its
 * nonEntityAmpersandRegex deliberately leaves `&name;` and `&#n;` as they are, so a member's `R&D;`
 * would reach the file as an undefined entity and `&#0;` as a character XML forbids. So every `&`
 * becomes `&amp;` here, which the serializer then leaves alone; characters XML 1.0 cannot hold even
 * as references are replaced first (OUT-7). Done once over the finished tree, so that no `txt()` or
 * attribute of any renderer can miss it; the AKN tests read the text back, so a serializer that began
 * escaping `&` itself would show up there as `&amp;amp;`.
 */
function escapeValues(node: Node): void {
	if (node.nodeType === 3) {
		const t = node as Text;
		t.data = printable(t.data).replace(/&/g, '&amp;');
		return;
	}
	if (node.nodeType === 1)
		for (const a of Array.from((node as Element).attributes))
			a.value = printable(a.value).replace(/&/g, '&amp;');
	for (const child of Array.from(node.childNodes)) escapeValues(child);
}

function indent(el: Element, depth: number): void {
	if (MIXED.has(el.localName)) return;
	const children = Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
	if (children.length === 0) return;
	const doc = el.ownerDocument;
	for (const child of children) {
		el.insertBefore(doc.createTextNode('\n' + '  '.repeat(depth)), child);
		indent(child, depth + 1);
	}
	el.appendChild(doc.createTextNode('\n' + '  '.repeat(depth - 1)));
}

/** A fragment of an eId or IRI made of what the naming convention allows: '(iii)' → 'iii', 'D.1' → 'D.1'. */
export function idPart(s: string): string {
	const part = s.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
	return part || 'x';
}

/**
 * The eIds handed out in one document. The schema requires them unique; odd input (two paragraphs numbered
 * alike) gets a suffix rather than an invalid document.
 */
export class EidSet {
	#used = new Set<string>();

	claim(wanted: string): string {
		let eId = wanted;
		for (let n = 2; this.#used.has(eId); n++) eId = `${wanted}-${n}`;
		this.#used.add(eId);
		return eId;
	}
}
