// Yjs holds the live working text; SQLite's text_units keep a copy for everything that reads the text
// without a websocket (the page's first render, exports, history). The copy follows each document a
// moment after it changes, and at unload.
import type * as Y from 'yjs';
import type { Db } from '#lib/server/db/index.ts';

export interface TextMirror {
	changed(meetingId: string, doc: Y.Doc): void;
	/** Writes now (unload, shutdown). */
	flush(meetingId: string): void;
	/** Forgets a pending write (the document was replaced: its texts must not be written back). */
	cancel(meetingId: string): void;
	stop(): void;
}

export function createTextMirror(db: Db, delayMs = 300): TextMirror {
	const update = db.$client.prepare(
		'UPDATE text_units SET text = ? WHERE id = ? AND meeting_id = ? AND text IS NOT ?'
	);
	const pending = new Map<string, { doc: Y.Doc; timer: ReturnType<typeof setTimeout> }>();
	const write = db.$client.transaction((meetingId: string, doc: Y.Doc) => {
		for (const [id, text] of doc.getMap<Y.Text>('texts')) {
			const value = text.toString();
			update.run(value, id, meetingId, value);
		}
	});
	const flush = (meetingId: string) => {
		const p = pending.get(meetingId);
		if (!p) return;
		clearTimeout(p.timer);
		pending.delete(meetingId);
		write(meetingId, p.doc);
	};
	return {
		changed(meetingId, doc) {
			if (pending.has(meetingId)) return;
			const timer = setTimeout(() => flush(meetingId), delayMs);
			timer.unref();
			pending.set(meetingId, { doc, timer });
		},
		flush,
		cancel(meetingId) {
			const p = pending.get(meetingId);
			if (p) clearTimeout(p.timer);
			pending.delete(meetingId);
		},
		stop() {
			for (const id of [...pending.keys()]) flush(id);
		}
	};
}
