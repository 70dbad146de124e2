// The Word (.docx) import on the import page; the conversion's own warnings are in plain English
// from src/lib/server/docx-import, as the text import's are.
export default {
	docxImport: {
		file: 'Or a file (Word .docx, or plain text)',
		fileHelp:
			'A Word file is read with its automatic numbering, headings and footnotes. The text it becomes appears in the box above, where it can be corrected and previewed again.',
		readFrom:
			'Read from {{name}}. Warnings name the paragraphs of the Word document, counted from the top (empty ones and table cells included), and its footnotes after them.',
		paragraph: 'Paragraph {{line}}',
		tooLarge: 'This file is too large to import: Word files up to 20 MB are accepted.'
	}
};
