// The large meeting: a fresh SQLite database with the demo seeded (its accounts), then a second meeting
// made the way people make one — created by the secretariat, the demo accounts added as participants, an
// Office draft of N paragraphs imported, amendments drafted and tabled by the groups, positions set, some
// amendments taken through their lifecycle — every step through the app's own server commands.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { openDatabase, type Db } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { users } from '#lib/server/db/schema.ts';
import { createDocStore } from '#lib/server/collab-store/store.ts';
import { DEMO_ACCOUNTS, seedDemo } from '#lib/server/demo/seed.ts';
import { addParticipant, createMeeting, importDraft } from '#lib/server/meetings/commands.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import {
	draftAmendment,
	tableAmendment,
	transitionAmendment,
	type StepAction
} from '#lib/server/amendments/commands.ts';
import { setPosition } from '#lib/server/amendments/positions.ts';
import type { AmendmentProposal, Capacity } from '#lib/domain/amendment.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import type { Stance } from '#lib/domain/position.ts';
import type { GroupId } from '#lib/domain/roles.ts';
import {
	chance,
	changeWording,
	composeDraft,
	createRandom,
	int,
	newText,
	pick,
	real,
	type Random
} from './compose.ts';

export const BENCH_PASSWORD = 'bench-demo-password';

export interface FixtureOptions {
	file: string;
	seed: number;
	paragraphs: number;
	/** Amendments drafted and tabled (they get codes D.1 … D.n). */
	amendments: number;
	positions: number;
	/** Workers' drafts left untabled on the busiest paragraph, for the tabling measurement. */
	drafts: number;
	password: string;
	log?: (line: string) => void;
}

/** What the generator made, for the measurement: written beside the database as `<file>.json`. */
export interface Manifest {
	file: string;
	seed: number;
	meetingId: string;
	meetingTitle: string;
	password: string;
	paragraphs: number;
	subparagraphs: number;
	headings: number;
	sourceChars: number;
	tabled: number;
	drafts: number;
	positions: number;
	byKind: Record<string, number>;
	byStatus: Record<string, number>;
	byGroup: Record<string, number>;
	/** Paragraphs by the number of tabled amendments about them (the paragraph or its subparagraphs). */
	busiest: ParagraphLoad;
	median: ParagraphLoad;
	/** Workers' drafts on the busiest paragraph, untabled. */
	workersDrafts: string[];
	/** The stored meeting document: what a client syncs when it opens the page. */
	doc: DocFacts;
	/** Wall time of each phase and of each kind of command (ms). */
	timings: Record<string, number>;
	/** Per kind of command: ms, and the medians of its first and last hundred calls (growth with size). */
	commands: Record<
		string,
		{ count: number; p50: number; p90: number; max: number; total: number; first100: number; last100: number }
	>;
	generatedAt: string;
}

export interface DocFacts {
	/** Its full state as one update: what the server sends a client that has nothing. */
	bytes: number;
	/** JSON sizes of its parts: the texts, and each map of the server's region. */
	parts: Record<string, number>;
	/** Distinct Yjs client ids in its state vector. */
	clients: number;
	/** Building it from the store (snapshot + log), and encoding it whole, median of 5 (ms). */
	loadMs: number;
	encodeMs: number;
}

export interface ParagraphLoad {
	id: string;
	number: number;
	amendments: number;
}

interface Person {
	id: string;
	isOffice: boolean;
}

const GROUP_ACCOUNTS: Record<GroupId, { drafters: string[]; table: string[] }> = {
	government: { drafters: ['gov-coordinator', 'gov-italy', 'gov-kenya'], table: ['gov-coordinator'] },
	employers: { drafters: ['emp-member', 'emp-secretary', 'emp-spokesperson'], table: ['emp-secretary'] },
	workers: { drafters: ['wkr-member', 'wkr-secretary', 'wkr-spokesperson'], table: ['wkr-secretary'] }
};
const SPEAKERS: Record<GroupId, string[]> = {
	government: ['gov-coordinator'],
	employers: ['emp-spokesperson', 'emp-secretary'],
	workers: ['wkr-spokesperson', 'wkr-secretary']
};
const STANCES: Stance[] = ['support', 'support', 'oppose', 'can_accept', 'reserve'];
const NOTES = [
	'Subject to consultation with the regional groups.',
	'Could accept with the Office’s clarification.',
	'Prefers the original text.',
	'Only if paragraph numbering is kept.',
	'Needs to consult the group.'
];
const JUSTIFICATIONS = [
	'To align the text with the Multilateral Framework.',
	'To reflect the role of the social partners.',
	'Clarity.',
	'The original wording goes beyond the Office mandate.',
	'To avoid duplication with paragraph 5.',
	'Consistency with ILC resolutions.'
];

interface Planned {
	id: string;
	code: string;
	groupId: GroupId;
	proposal: AmendmentProposal;
	paragraph: number;
	tabler: Person;
	capacity: Capacity;
	country: string | null;
	status: string;
}

class Timer {
	readonly samples = new Map<string, number[]>();
	async time<T>(kind: string, run: () => T | Promise<T>): Promise<T> {
		const t0 = performance.now();
		const out = await run();
		const list = this.samples.get(kind) ?? [];
		list.push(performance.now() - t0);
		this.samples.set(kind, list);
		return out;
	}
	summary(): Manifest['commands'] {
		const out: Manifest['commands'] = {};
		const median = (values: number[]) =>
			[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
		for (const [kind, list] of this.samples) {
			const s = [...list].sort((a, b) => a - b);
			const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
			const round = (v: number) => Math.round(v * 100) / 100;
			out[kind] = {
				count: s.length,
				p50: round(at(0.5)),
				p90: round(at(0.9)),
				max: round(s[s.length - 1]!),
				total: round(s.reduce((a, b) => a + b, 0)),
				first100: round(median(list.slice(0, 100))),
				last100: round(median(list.slice(-100)))
			};
		}
		return out;
	}
}

/** Size and make-up of a stored document, and what loading and encoding it whole cost. */
function docFacts(db: Db, name: string): DocFacts {
	const store = createDocStore(db);
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	const loads: number[] = [];
	let doc: Y.Doc | null = null;
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		doc = store.loadDoc(name);
		loads.push(performance.now() - t0);
	}
	if (!doc) throw new Error(`no stored document ${name}`);
	const encodes: number[] = [];
	let bytes = 0;
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		bytes = Y.encodeStateAsUpdate(doc).length;
		encodes.push(performance.now() - t0);
	}
	const parts: Record<string, number> = {};
	// The meeting document's roots are maps (`texts`, `server`); a root is typed by its first use.
	for (const key of doc.share.keys()) parts[key] = JSON.stringify(doc.getMap(key).toJSON()).length;
	const server = doc.getMap<unknown>('server');
	for (const [key, value] of server)
		parts[`server.${key}`] = JSON.stringify(value instanceof Y.AbstractType ? value.toJSON() : value).length;
	const round = (v: number) => Math.round(v * 10) / 10;
	return {
		bytes,
		parts,
		clients: doc.store.clients.size,
		loadMs: round(median(loads)),
		encodeMs: round(median(encodes))
	};
}

function removeDatabase(file: string): void {
	for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.json`]) fs.rmSync(f, { force: true });
}

/** A draw from 1..n, weighted 1/k^s: a few paragraphs draw most amendments, as in real meetings. */
function zipf(n: number, s: number): (r: Random) => number {
	const cumulative: number[] = [];
	let sum = 0;
	for (let k = 1; k <= n; k++) cumulative.push((sum += 1 / k ** s));
	return (r) => {
		const x = real(r) * sum;
		let lo = 0;
		let hi = n - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid]! < x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
}

function shuffled<T>(r: Random, items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = int(r, 0, i);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

export async function generateMeeting(o: FixtureOptions): Promise<Manifest> {
	const log = o.log ?? (() => {});
	const timer = new Timer();
	const timings: Record<string, number> = {};
	const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
		const t0 = performance.now();
		const out = await run();
		timings[name] = Math.round(performance.now() - t0);
		log(`  ${name}: ${(timings[name] / 1000).toFixed(1)} s`);
		return out;
	};
	const started = performance.now();
	const r = createRandom(o.seed);

	removeDatabase(o.file);
	fs.mkdirSync(path.dirname(o.file), { recursive: true });
	const db: Db = openDatabase(o.file);
	try {
		await phase('migrate and seed the demo', async () => {
			applyMigrations(db);
			await seedDemo(db, o.password);
		});
		const person = (username: string): Person => {
			const row = db.select().from(users).where(eq(users.username, username)).get();
			if (!row) throw new Error(`no demo account ${username}`);
			return { id: row.id, isOffice: row.isOffice };
		};
		const secretariat = person('secretariat');
		const chair = person('chair');
		const meetingTitle = `Scale test: ${o.paragraphs} paragraphs, ${o.amendments} amendments`;

		// The meeting, as the secretariat makes it on /meetings/new and …/participants.
		const meetingId = await phase('create the meeting', async () => {
			const id = await createMeeting(db, secretariat, {
				title: meetingTitle,
				venue: 'Geneva',
				startDate: '2026-11-16',
				endDate: '2026-11-20',
				sittings: 5
			});
			for (const a of DEMO_ACCOUNTS) {
				if (a.username === 'secretariat') continue; // its creator: already in, as secretariat
				await addParticipant(db, secretariat, id, {
					username: a.username,
					displayName: '',
					groupId: a.groupId,
					country: a.country ?? null,
					roles: a.roles
				});
			}
			return id;
		});

		// The Office draft, pasted and imported as on …/import: parsed, then the import command.
		const source = composeDraft(r, o.paragraphs);
		await phase('import the draft', async () => {
			const parsed = parsePlainText(source);
			if (!parsed.ok) throw new Error(`the composed draft does not import: ${parsed.error}`);
			await importDraft(db, secretariat, meetingId, parsed.text);
		});
		const text = loadDraftText(db, meetingId).text;
		const paragraphs = text.body.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
		if (paragraphs.length !== o.paragraphs)
			throw new Error(`imported ${paragraphs.length} paragraphs, expected ${o.paragraphs}`);

		// Which paragraphs draw the most amendments: a random order, weighted by rank.
		const byRank = shuffled(
			r,
			paragraphs.map((_, i) => i)
		);
		const drawRank = zipf(paragraphs.length, 0.6);
		const planned: Planned[] = [];
		const perParagraph = new Array<number>(paragraphs.length).fill(0);

		await phase(`draft and table ${o.amendments} amendments`, async () => {
			for (let n = 0; n < o.amendments; n++) {
				const pi = byRank[drawRank(r)]!;
				const para = paragraphs[pi]!;
				const roll = real(r);
				const groupId: GroupId = roll < 0.4 ? 'government' : roll < 0.7 ? 'employers' : 'workers';
				const accounts = GROUP_ACCOUNTS[groupId];
				const drafter = person(pick(r, accounts.drafters));
				let tabler = person(pick(r, accounts.table));
				let capacity: Capacity = 'group';
				let country: string | null = null;
				if (groupId === 'government' && chance(r, 0.35)) {
					country = chance(r, 0.5) ? 'Italy' : 'Kenya';
					tabler = person(country === 'Italy' ? 'gov-italy' : 'gov-kenya');
					capacity = 'national';
				}
				const units = [{ id: para.id, text: para.text }, ...para.subparagraphs];
				const unit = pick(r, units);
				const kindRoll = real(r);
				let proposal: AmendmentProposal;
				const parents = planned.filter(
					(p) =>
						p.paragraph === pi &&
						p.proposal.kind !== 'delete' &&
						p.proposal.kind !== 'subamendment' &&
						p.groupId !== groupId
				);
				if (kindRoll < 0.08 && parents.length) {
					const parent = pick(r, parents);
					const parentText = (parent.proposal as { text: string }).text;
					proposal = { kind: 'subamendment', parentId: parent.id, text: changeWording(r, parentText) };
				} else if (kindRoll < 0.16) {
					const sub = unit.id !== para.id || para.subparagraphs.length > 0;
					proposal = {
						kind: 'insert_after',
						afterId: unit.id,
						level: sub ? 'subparagraph' : 'paragraph',
						text: newText(r)
					};
				} else if (kindRoll < 0.22 && unit.id !== para.id) {
					proposal = { kind: 'delete', targetId: unit.id };
				} else {
					proposal = { kind: 'change_wording', targetId: unit.id, text: changeWording(r, unit.text) };
				}
				const justification = chance(r, 0.3) ? pick(r, JUSTIFICATIONS) : null;
				const id = await timer.time('draftAmendment', () =>
					draftAmendment(db, drafter, meetingId, { proposal, justification })
				);
				const code = await timer.time('tableAmendment', () =>
					tableAmendment(db, tabler, meetingId, id, capacity)
				);
				planned.push({
					id,
					code,
					groupId,
					proposal,
					paragraph: pi,
					tabler,
					capacity,
					country,
					status: 'tabled'
				});
				perParagraph[pi]!++;
				if ((n + 1) % 250 === 0) log(`    ${n + 1} tabled`);
			}
		});

		// Positions, stated by each group's spokesperson or secretary, mostly on amendments.
		let positionsSet = 0;
		await phase(`set ${o.positions} positions`, async () => {
			for (let n = 0; n < o.positions; n++) {
				const groupId = pick(r, ['government', 'employers', 'workers'] as GroupId[]);
				const by = person(pick(r, SPEAKERS[groupId]));
				const note = chance(r, 0.15) ? pick(r, NOTES) : null;
				const stance = pick(r, STANCES);
				if (chance(r, 0.85)) {
					const a = pick(r, planned);
					await timer.time('setPosition', () =>
						setPosition(db, by, meetingId, { kind: 'amendment', amendmentId: a.id }, groupId, stance, note)
					);
				} else {
					const para = paragraphs[byRank[drawRank(r)]!]!;
					await timer.time('setPosition', () =>
						setPosition(db, by, meetingId, { kind: 'paragraph', unitId: para.id }, groupId, stance, note)
					);
				}
				positionsSet++;
			}
		});

		// Some of the lifecycle: national amendments seconded, some called and decided, some withdrawn.
		const step = async (a: Planned, who: Person, action: StepAction) => {
			const next = await timer.time('transitionAmendment', () =>
				transitionAmendment(db, who, meetingId, a.id, action)
			);
			a.status = next.amendment.status;
		};
		await phase('lifecycle steps', async () => {
			const italy = person('gov-italy');
			const kenya = person('gov-kenya');
			for (const a of planned) {
				if (a.capacity !== 'national') continue;
				if (chance(r, 0.85)) await step(a, a.country === 'Italy' ? kenya : italy, { type: 'second' });
				else if (chance(r, 0.5)) await step(a, chair, { type: 'declareNotSeconded' });
			}
			const open = (a: Planned) => ['tabled', 'seconded', 'under_discussion'].includes(a.status);
			const callable = (a: Planned) =>
				a.status === 'seconded' || (a.status === 'tabled' && a.capacity === 'group');
			// Subamendments are settled before their parents (AMD-14): decide some of them first.
			for (const s of planned) {
				if (s.proposal.kind !== 'subamendment' || !callable(s) || !chance(r, 0.3)) continue;
				await step(s, chair, { type: 'call' });
				await step(s, chair, { type: chance(r, 0.5) ? 'adopt' : 'reject' });
			}
			for (const a of shuffled(r, planned)) {
				if (!open(a)) continue;
				const roll = real(r);
				const hasOpenSubs = planned.some(
					(s) => s.proposal.kind === 'subamendment' && s.proposal.parentId === a.id && open(s)
				);
				if (roll < 0.04) {
					await step(a, a.tabler, { type: 'withdraw' });
				} else if (roll < 0.14 && callable(a) && !hasOpenSubs) {
					await step(a, chair, { type: 'call' });
					const subAdopted = planned.some(
						(s) =>
							s.proposal.kind === 'subamendment' && s.proposal.parentId === a.id && s.status === 'adopted'
					);
					const decision = real(r);
					if (decision < 0.45) await step(a, chair, { type: 'reject' });
					else if (decision < 0.75 && a.proposal.kind === 'change_wording')
						await step(a, chair, { type: subAdopted ? 'adoptAsSubamended' : 'adopt' });
					else if (decision < 0.85) await step(a, chair, { type: 'declareFallen' });
					// otherwise it stays under discussion
				}
			}
		});

		// Private drafts: a few in every group room, and the Workers' drafts the tabling measurement uses.
		let busiest = 0;
		perParagraph.forEach((c, i) => {
			if (c > perParagraph[busiest]!) busiest = i;
		});
		const workersDrafts: string[] = [];
		let drafts = 0;
		await phase(`draft ${o.drafts} Workers' drafts and 30 others`, async () => {
			const target = paragraphs[busiest]!;
			for (let n = 0; n < o.drafts; n++) {
				const units = [{ id: target.id, text: target.text }, ...target.subparagraphs];
				const unit = pick(r, units);
				const drafter = person(pick(r, GROUP_ACCOUNTS.workers.drafters));
				const proposal: AmendmentProposal = {
					kind: 'change_wording',
					targetId: unit.id,
					text: changeWording(r, unit.text)
				};
				workersDrafts.push(
					await timer.time('draftAmendment', () => draftAmendment(db, drafter, meetingId, { proposal }))
				);
				drafts++;
			}
			for (let n = 0; n < 30; n++) {
				const groupId = pick(r, ['government', 'employers', 'workers'] as GroupId[]);
				const para = pick(r, paragraphs);
				const proposal: AmendmentProposal = {
					kind: 'change_wording',
					targetId: para.id,
					text: changeWording(r, para.text)
				};
				const drafter = person(pick(r, GROUP_ACCOUNTS[groupId].drafters));
				await timer.time('draftAmendment', () => draftAmendment(db, drafter, meetingId, { proposal }));
				drafts++;
			}
		});
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		const doc = docFacts(db, `meeting/${meetingId}`);

		const count = (values: string[]) =>
			values.reduce<Record<string, number>>((m, v) => ((m[v] = (m[v] ?? 0) + 1), m), {});
		const load = (i: number): ParagraphLoad => ({
			id: paragraphs[i]!.id,
			number: i + 1,
			amendments: perParagraph[i]!
		});
		const sortedLoads = perParagraph.map((c, i) => ({ c, i })).sort((a, b) => a.c - b.c);
		timings['total'] = Math.round(performance.now() - started);
		const manifest: Manifest = {
			file: o.file,
			seed: o.seed,
			meetingId,
			meetingTitle,
			password: o.password,
			paragraphs: paragraphs.length,
			subparagraphs: paragraphs.reduce((n, p) => n + p.subparagraphs.length, 0),
			headings: text.body.length - paragraphs.length,
			sourceChars: source.length,
			tabled: planned.length,
			drafts,
			positions: positionsSet,
			byKind: count(planned.map((p) => p.proposal.kind)),
			byStatus: count(planned.map((p) => p.status)),
			byGroup: count(planned.map((p) => p.groupId)),
			busiest: load(busiest),
			median: load(sortedLoads[Math.floor(sortedLoads.length / 2)]!.i),
			workersDrafts,
			doc,
			timings,
			commands: timer.summary(),
			generatedAt: new Date().toISOString()
		};
		fs.writeFileSync(`${o.file}.json`, JSON.stringify(manifest, null, '\t') + '\n');
		return manifest;
	} finally {
		db.$client.close();
	}
}
