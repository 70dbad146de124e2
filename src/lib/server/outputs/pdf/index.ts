// The PDF of any output document: the model goes to a static Typst template as JSON, and the Typst
// typesetter (a maintained library, run in a child process: compiler.ts) lays it out and writes the PDF.
import type { OutputDocument, OutputOptions, OutputWhat } from '#lib/domain/outputs/model.ts';
import { mapStrings, printable } from '#lib/domain/outputs/printable.ts';
import { AMENDMENT_LIST_TYP } from './amendment-list-typ.ts';
import { isolateBidi } from './bidi.ts';
import { COMMON_TYP } from './common-typ.ts';
import { compilePdf } from './compiler.ts';
import { CONCLUSIONS_TYP, conclusionsData } from './conclusions-typ.ts';
import { RECORD_TYP } from './record-typ.ts';

const TEMPLATES: Record<OutputWhat, string> = {
	conclusions: COMMON_TYP + CONCLUSIONS_TYP,
	amendments: COMMON_TYP + AMENDMENT_LIST_TYP,
	proceedings: COMMON_TYP + RECORD_TYP
};

export function renderPdf(doc: OutputDocument, options: OutputOptions = {}): Promise<Uint8Array> {
	const data = doc.what === 'conclusions' ? conclusionsData(doc) : doc;
	return compilePdf(TEMPLATES[doc.what], {
		// printable again (renderOutput did it) for callers that come here directly: a lone surrogate
		// would make the JSON unreadable to Typst (OUT-7).
		data: JSON.stringify(mapStrings(data, (s) => isolateBidi(printable(s)))),
		options: JSON.stringify({ lineNumbers: options.lineNumbers === true })
	});
}
