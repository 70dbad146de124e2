// Someone else typing in the meeting: a drafting committee member's live document in this process (the
// stock y-websocket provider, signed in with their session cookie), inserting characters into one
// paragraph, as the page's editor would. The measurement watches what each keystroke costs the other
// screens (measure.ts, (d)).
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

export interface Typist {
	/** Appends `text` to the unit's working text, in one Yjs transaction (one update). */
	type(text: string): void;
	destroy(): void;
}

export async function startTypist(
	base: string,
	cookie: string,
	docName: string,
	unitId: string
): Promise<Typist> {
	const url = new URL(base);
	const headers = { cookie, origin: url.origin };
	class SignedInSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const awareness = new Awareness(doc);
	awareness.setLocalState(null);
	const provider = new WebsocketProvider(`ws://${url.host}/collab`, docName, doc, {
		WebSocketPolyfill: SignedInSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		awareness
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the typist did not sync within 60 s')), 60_000);
		provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			clearTimeout(timer);
			resolve();
		});
	});
	const ytext = doc.getMap<Y.Text>('texts').get(unitId);
	if (!ytext) throw new Error(`no text for unit ${unitId} in ${docName}`);
	return {
		type(text) {
			ytext.insert(ytext.length, text);
		},
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}
