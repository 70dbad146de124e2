// Hostile Word files for the tests: nesting far deeper than any document, a flood of paragraphs, and
// zips whose central directory lies about what they hold. Built by hand, as no Word writer makes them.
import { p, rawDocx } from './test-docx.ts';

/** A paragraph wrapped in `depth` levels of w:customXml or of w:sdt/w:sdtContent, in the body. */
export function nestedDocx(kind: 'customXml' | 'sdt', depth: number): Uint8Array {
	const [open, close] =
		kind === 'customXml'
			? ['<w:customXml>', '</w:customXml>']
			: ['<w:sdt><w:sdtContent>', '</w:sdtContent></w:sdt>'];
	return rawDocx(open.repeat(depth) + p('1. Nested text.') + close.repeat(depth));
}

/** `count` paragraphs, each numbered and with a sentence, as a flood of ordinary text. */
export function manyParagraphsDocx(count: number): Uint8Array {
	return rawDocx(p('Conclusions') + p('1. A paragraph of the conclusions.').repeat(count));
}

/** Deflate writes header fields least significant bit first, and Huffman codes most significant first. */
class BitWriter {
	private readonly bytes: number[] = [];
	private current = 0;
	private used = 0;

	field(value: number, bits: number): void {
		for (let i = 0; i < bits; i++) this.bit((value >> i) & 1);
	}

	code(code: number, bits: number): void {
		for (let i = bits - 1; i >= 0; i--) this.bit((code >> i) & 1);
	}

	private bit(b: number): void {
		this.current |= b << this.used;
		if (++this.used === 8) {
			this.bytes.push(this.current);
			this.current = 0;
			this.used = 0;
		}
	}

	done(): Uint8Array {
		return Uint8Array.from(this.used > 0 ? [...this.bytes, this.current] : this.bytes);
	}
}

/** "Copy 258 bytes from 1 back", in deflate's fixed Huffman codes: 13 bits for 258 zero bytes. */
function repeatZeros(bits: BitWriter): void {
	bits.code(0b11000101, 8); // length symbol 285: 258 bytes
	bits.code(0, 5); // distance symbol 0: one byte back
}

/**
 * A raw deflate stream of about `compressedBytes` that inflates to 158 times as many zero bytes. One
 * fixed-Huffman block: a literal zero and then repeated copies, tiled 8 copies (13 bytes) at a time,
 * which costs nothing to build however much it inflates to.
 */
export function zeroBomb(compressedBytes: number): { deflated: Uint8Array; inflatedSize: number } {
	const head = new BitWriter();
	head.field(1, 1); // the final block
	head.field(1, 2); // fixed Huffman codes
	head.code(0b00110000, 8); // the literal 0
	repeatZeros(head); // 3 + 8 + 13 = 24 bits: the copies below start on a byte boundary
	const eight = new BitWriter();
	for (let i = 0; i < 8; i++) repeatZeros(eight);
	const tail = new BitWriter();
	tail.code(0, 7); // end of block
	const [start, tile, end] = [head.done(), eight.done(), tail.done()];
	const tiles = Math.max(0, Math.floor((compressedBytes - start.length - end.length) / tile.length));
	const deflated = new Uint8Array(start.length + tiles * tile.length + end.length);
	deflated.set(start);
	for (let i = 0; i < tiles; i++) deflated.set(tile, start.length + i * tile.length);
	deflated.set(end, start.length + tiles * tile.length);
	return { deflated, inflatedSize: 1 + 258 * (1 + 8 * tiles) };
}

export interface RawZipEntry {
	name: string;
	/** The entry's bytes as stored: deflated when `method` is 8, as they are when 0. */
	data: Uint8Array;
	method: 0 | 8;
	/** The uncompressed size the zip claims, true or not. */
	declaredSize: number;
}

/** A zip written field by field, so that its sizes and counts can lie. CRCs are left 0: not checked. */
export function rawZip(entries: RawZipEntry[], options: { declaredCount?: number } = {}): Uint8Array {
	const parts: Uint8Array[] = [];
	let length = 0;
	const add = (part: Uint8Array) => {
		parts.push(part);
		length += part.length;
	};
	/** Little-endian fields: [value, bytes], then raw bytes. */
	const header = (fields: Array<[number, 2 | 4]>, tail: Uint8Array) => {
		const out: number[] = [];
		for (const [value, size] of fields)
			for (let i = 0; i < size; i++) out.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
		add(Uint8Array.from([...out, ...tail]));
	};
	const encoder = new TextEncoder();
	const offsets: number[] = [];
	for (const e of entries) {
		offsets.push(length);
		const name = encoder.encode(e.name);
		// signature, version needed, flags (UTF-8 names), method, time, date, CRC, sizes, name, extra
		header(
			[
				[0x04034b50, 4],
				[20, 2],
				[0x0800, 2],
				[e.method, 2],
				[0, 4],
				[0, 4],
				[e.data.length, 4],
				[e.declaredSize, 4],
				[name.length, 2],
				[0, 2]
			],
			name
		);
		add(e.data);
	}
	const directory = length;
	entries.forEach((e, i) => {
		const name = encoder.encode(e.name);
		// … as above, then comment, disk, attributes and where the local header is
		header(
			[
				[0x02014b50, 4],
				[20, 2],
				[20, 2],
				[0x0800, 2],
				[e.method, 2],
				[0, 4],
				[0, 4],
				[e.data.length, 4],
				[e.declaredSize, 4],
				[name.length, 2],
				[0, 2],
				[0, 2],
				[0, 2],
				[0, 2],
				[0, 4],
				[offsets[i] ?? 0, 4]
			],
			name
		);
	});
	const count = options.declaredCount ?? entries.length;
	header(
		[
			[0x06054b50, 4],
			[0, 2],
			[0, 2],
			[count, 2],
			[count, 2],
			[length - directory, 4],
			[directory, 4],
			[0, 2]
		],
		new Uint8Array(0)
	);
	const zip = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		zip.set(part, at);
		at += part.length;
	}
	return zip;
}
