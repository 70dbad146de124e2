// The entries of a zip, read from its central directory, and an entry's bytes inflated no further than
// the size it declares (DOCX-2). fflate's unzipSync inflates an entry to the end of its data whatever it
// declared, dropping what does not fit: 4 MB that declared 1 KB and inflated to 660 MB held the server
// for about 3 s (16 MB: a minute and a half), all of it thrown away. The directory itself is checked
// entry by entry, so a count that lies ends at the first entry that is not there. Zip64 records are
// read as fflate reads them (checked with Python's zipfile and Info-ZIP's `zip -fz`).
import { Inflate, strFromU8 } from 'fflate';

export interface ZipEntry {
	name: string;
	/** 0: stored, 8: deflated; the import reads no other. */
	method: number;
	compressedSize: number;
	/** The uncompressed size the directory states: an upper bound, never trusted as more. */
	declaredSize: number;
	/** Where the entry's data starts, after its local header. */
	dataStart: number;
}

/** The zip's structure is not what it says it is. */
export class DamagedZip extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** A 32-bit size or offset of this value is in the entry's zip64 extra field instead. */
const IN_ZIP64 = 0xffffffff;
const UTF8_NAME = 0x0800;
/** Compressed bytes pushed at a time: even at deflate's best ratio, about 16 MB out per push. */
const SLICE = 16 * 1024;

export function zipEntries(bytes: Uint8Array): ZipEntry[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const u16 = (at: number) => view.getUint16(at, true);
	const u32 = (at: number) => view.getUint32(at, true);
	const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
	try {
		// The end record closes the file, followed only by its comment (at most 65,535 bytes).
		const last = Math.max(0, bytes.length - 22 - 0xffff);
		let end = bytes.length - 22;
		while (end >= last && u32(end) !== END_OF_DIRECTORY) end--;
		if (end < last) throw new DamagedZip();
		let count = u16(end + 10);
		let at = u32(end + 16);
		if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
			const zip64End = u64(end - 12);
			if (u32(zip64End) === ZIP64_END) {
				count = u64(zip64End + 32);
				at = u64(zip64End + 48);
			}
		}
		const entries: ZipEntry[] = [];
		for (let i = 0; i < count; i++) {
			if (u32(at) !== DIRECTORY_ENTRY) throw new DamagedZip();
			const nameLength = u16(at + 28);
			const extraLength = u16(at + 30);
			const name = bytes.subarray(at + 46, at + 46 + nameLength);
			if (name.length !== nameLength) throw new DamagedZip();
			const sizes = zip64Sizes(
				{ compressed: u32(at + 20), declared: u32(at + 24), local: u32(at + 42) },
				at + 46 + nameLength,
				extraLength,
				{ u16, u64 }
			);
			if (u32(sizes.local) !== LOCAL_HEADER) throw new DamagedZip();
			const dataStart = sizes.local + 30 + u16(sizes.local + 26) + u16(sizes.local + 28);
			if (dataStart + sizes.compressed > bytes.length) throw new DamagedZip();
			entries.push({
				// Names not flagged as UTF-8 are in the DOS code page; as fflate does, read them byte by byte.
				name: strFromU8(name, (u16(at + 8) & UTF8_NAME) === 0),
				method: u16(at + 10),
				compressedSize: sizes.compressed,
				declaredSize: sizes.declared,
				dataStart
			});
			at += 46 + nameLength + extraLength + u16(at + 32);
		}
		return entries;
	} catch (error) {
		// DataView throws RangeError past the end: a directory pointing outside the file.
		if (error instanceof RangeError) throw new DamagedZip();
		throw error;
	}
}

interface Sizes {
	compressed: number;
	declared: number;
	local: number;
}

/** Sizes too large for 32 bits say 0xFFFFFFFF and are in extra field 1, those present in this order. */
function zip64Sizes(
	sizes: Sizes,
	extra: number,
	length: number,
	read: { u16: (at: number) => number; u64: (at: number) => number }
): Sizes {
	if (sizes.compressed !== IN_ZIP64 && sizes.declared !== IN_ZIP64 && sizes.local !== IN_ZIP64) return sizes;
	for (let at = extra; at + 4 <= extra + length; at += 4 + read.u16(at + 2)) {
		if (read.u16(at) !== 1) continue;
		let field = at + 4;
		const next = () => {
			const value = read.u64(field);
			field += 8;
			return value;
		};
		const declared = sizes.declared === IN_ZIP64 ? next() : sizes.declared;
		const compressed = sizes.compressed === IN_ZIP64 ? next() : sizes.compressed;
		const local = sizes.local === IN_ZIP64 ? next() : sizes.local;
		return { compressed, declared, local };
	}
	return sizes;
}

/**
 * The entry's bytes. One that holds more than it declares is damaged, and is refused as soon as that
 * shows, so that unpacking costs what the declared sizes allow and no more.
 */
export function entryBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
	const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
	if (entry.method === 0) {
		if (data.length > entry.declaredSize) throw new DamagedZip();
		return data.slice();
	}
	if (entry.method !== 8) throw new DamagedZip();
	const out = new Uint8Array(entry.declaredSize);
	let length = 0;
	const inflate = new Inflate((chunk) => {
		if (length + chunk.length > out.length) throw new DamagedZip();
		out.set(chunk, length);
		length += chunk.length;
	});
	// In slices, so that a part lying about its size is stopped one slice after it passes it. An empty
	// part still gets its one, final push.
	let at = 0;
	do {
		inflate.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
		at += SLICE;
	} while (at < data.length);
	return out.subarray(0, length);
}
