// The HTML outputs' shared shell: one self-contained page (styles inline, no script), readable on screen
// and printable, with the meeting and the document's stamp at the top.
import type { OutputMeeting, OutputStamp } from '#lib/domain/outputs/model.ts';

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Text made safe for HTML content and attribute values. */
export function esc(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = `
body { font-family: 'Times New Roman', Times, serif; font-size: 12pt; line-height: 1.45; max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; color: #111; }
header.meeting { text-align: center; margin-bottom: 2rem; }
header.meeting .name { font-weight: bold; }
.stamp { text-align: center; font-style: italic; }
.stamp.draft { color: #8a1c1c; font-weight: bold; font-style: normal; text-transform: none; }
h1 { text-align: center; font-size: 1.25em; margin: 1.5rem 0; }
h2 { font-size: 1em; margin: 1.75rem 0 0.75rem; }
p { text-align: justify; margin: 0 0 0.75rem; }
.numbered { display: grid; grid-template-columns: 2.5rem 1fr; margin: 0 0 0.75rem; }
.sub { display: grid; grid-template-columns: 2.5rem 1fr; margin: 0 0 0.75rem 2.5rem; }
.numbered > p, .sub > p { margin: 0; }
sup a { text-decoration: none; }
.footnotes { border-top: 1px solid #999; margin-top: 2rem; padding-top: 0.5rem; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
th, td { border: 1px solid #999; padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
del { color: #8a1c1c; }
ins { color: #14532d; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ol.entries { list-style: none; padding: 0; }
ol.entries li { display: grid; grid-template-columns: 4rem 1fr; margin-bottom: 0.5rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
`;

export function htmlPage(opts: {
	title: string;
	meeting: OutputMeeting;
	stamp: OutputStamp;
	body: string;
	wide?: boolean;
}): string {
	const { meeting, stamp } = opts;
	const wide = opts.wide ? '<style>body { max-width: 70rem; }</style>' : '';
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)} · ${esc(meeting.title)}</title>
<meta name="generator" content="Drafting Room">
<style>${STYLE}</style>${wide}
</head>
<body>
<header class="meeting">
<p class="name">${esc(meeting.title)}</p>
<p class="place">${esc(meeting.placeAndDates)}</p>
<p class="stamp ${stamp.kind}" data-stamp="${stamp.kind}" data-date="${esc(stamp.date)}">${esc(stamp.label)}</p>
</header>
<main>
${opts.body}
</main>
</body>
</html>
`;
}
