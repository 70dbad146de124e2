// The program a Typst child process runs (see compiler.ts for why renders run in a child). Plain
// JavaScript as a string: the child is started with `node -e`, so it needs no file of ours at run time,
// which a bundled server would not have where the sources are.
export const TYPST_CHILD_SOURCE = String.raw`
const { NodeCompiler } = await import(process.env.DR_TYPST_ADDON);
const typst = NodeCompiler.create();

// Typst's own words for what went wrong, one diagnostic a line (the addon's error object has no message).
function describe(error) {
	const diagnostics = (error && error.shortDiagnostics) || [];
	const lines = diagnostics.map((d) => {
		const hints = Array.isArray(d.hints) && d.hints.length > 0 ? ' (hint: ' + d.hints.join('; ') + ')' : '';
		return String(d.message ?? 'unknown error') + hints;
	});
	return lines.length > 0 ? lines.join('\n') : 'unknown error';
}

function render(source, inputs) {
	try {
		const compiled = typst.compile({ mainFileContent: source, inputs });
		const document = compiled.result;
		if (compiled.hasError() || !document)
			return { ok: false, message: 'Typst could not typeset the document: ' + describe(compiled.takeError()) };
		return { ok: true, pdf: new Uint8Array(typst.pdf(document)) };
	} catch (cause) {
		// PDF export failures come back as an Error whose code holds Typst's message.
		const code = cause && typeof cause.code === 'string' ? cause.code : String(cause);
		return { ok: false, message: 'Typst could not write the PDF: ' + code };
	} finally {
		typst.evictCache(10);
	}
}

// The parent gone (it exited, or stopped this child): nothing to answer to.
process.on('disconnect', () => process.exit(0));
process.on('error', () => process.exit(0));
process.on('message', (m) => process.send({ id: m.id, ...render(m.source, m.inputs) }));
process.send({ ready: true });
`;
