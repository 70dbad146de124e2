// The one drizzle schema. SQLite is the source of truth for everything structured (docs/architecture.md,
// "Who owns which data"); live text is mirrored into Yjs documents built from these rows.
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// The domain owns these vocabularies; the columns only store them. (Relative imports: drizzle-kit loads
// this file on its own.)
import { GROUPS, ROLES } from '../../domain/roles.ts';
import { UNIT_STATUSES } from '../../domain/status.ts';
import { SUBPARAGRAPH_SCHEMES } from '../../domain/text.ts';
import { AMENDMENT_KINDS, AMENDMENT_STATUSES, type AmendmentKind } from '../../domain/amendment.ts';
import { STANCES } from '../../domain/position.ts';
import type { MergeConflict } from '../../domain/merge.ts';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	/** Staff of the Office (the secretariat): may create meetings. Meeting roles are per meeting. */
	isOffice: integer('is_office', { mode: 'boolean' }).notNull().default(false),
	/** Set when the password was issued by someone else (a one-time password): change it at next sign-in. */
	mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the token, hex. The token itself is only ever in the user's cookie. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const meetings = sqliteTable('meetings', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	venue: text('venue').notNull(),
	startDate: text('start_date').notNull(), // ISO date, the meeting's local calendar day
	endDate: text('end_date').notNull(),
	/** (i)/(a)/(1): the scheme the document uses for subparagraph labels. */
	subparagraphScheme: text('subparagraph_scheme', { enum: SUBPARAGRAPH_SCHEMES }).notNull().default('roman'),
	createdBy: text('created_by').references(() => users.id),
	createdAt: createdAt(),
	/** The sitting in progress, set by the secretariat; events are recorded with it (null: by date). */
	currentSittingId: text('current_sitting_id'),
	/** What the Chair has the meeting discussing now: a unit, and within it possibly an amendment. */
	focusUnitId: text('focus_unit_id'),
	focusAmendmentId: text('focus_amendment_id'),
	/** Members who must take part for a vote to stand (VOT-4); 0 for none. */
	quorum: integer('quorum').notNull().default(0),
	/** When the conclusions as a whole were adopted (CON-2): from then on the text is final. */
	conclusionsAdoptedAt: integer('conclusions_adopted_at', { mode: 'timestamp_ms' })
});

export const sittings = sqliteTable(
	'sittings',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		date: text('date') // ISO date, when known
	},
	(t) => [uniqueIndex('sittings_meeting_number_uq').on(t.meetingId, t.number)]
);

export const participants = sqliteTable(
	'participants',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** null: the Chair, the secretariat and observers sit in no group. */
		groupId: text('group_id', { enum: GROUPS }),
		/** For Government representatives: the member State they represent. */
		country: text('country'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('participants_meeting_user_uq').on(t.meetingId, t.userId),
		index('participants_user_idx').on(t.userId)
	]
);

export const participantRoles = sqliteTable(
	'participant_roles',
	{
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull()
	},
	(t) => [primaryKey({ columns: [t.participantId, t.role] })]
);

/**
 * The draft text, one row per unit: title, preamble clause, heading, paragraph, subparagraph, footnote.
 * `id` is the stable identity; numbers are computed from `position` (never stored), so inserting a
 * paragraph renumbers the rest without touching anyone's identity.
 */
export const textUnits = sqliteTable(
	'text_units',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		kind: text('kind', {
			enum: ['title', 'preamble', 'heading', 'paragraph', 'subparagraph', 'footnote']
		}).notNull(),
		/** A subparagraph's paragraph. */
		parentId: text('parent_id'),
		/** Order among siblings (body items, or subparagraphs of one paragraph, or footnotes). */
		position: integer('position').notNull(),
		text: text('text').notNull(),
		/** A footnote's label as written ("1"), referenced in texts as [^1]. */
		label: text('label'),
		status: text('status', { enum: UNIT_STATUSES }).notNull().default('draft')
	},
	(t) => [index('text_units_meeting_idx').on(t.meetingId, t.kind, t.position)]
);

/**
 * The append-only event log: how the meeting proves what happened. No code path updates or deletes a
 * row here (the triggers in the migration refuse it, too).
 */
export const events = sqliteTable(
	'events',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		meetingId: text('meeting_id').references(() => meetings.id),
		type: text('type').notNull(),
		actorUserId: text('actor_user_id').references(() => users.id),
		/** The actor's group and roles as they were when the event happened. */
		actorGroup: text('actor_group'),
		actorRoles: text('actor_roles'),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		payload: text('payload', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
		/** The sitting during which it happened (the record is grouped by sitting); null outside one. */
		sittingId: text('sitting_id')
	},
	(t) => [index('events_meeting_idx').on(t.meetingId, t.seq)]
);

/** Security-relevant happenings (failed sign-ins, refused requests), kept apart from the meeting record. */
export const securityEvents = sqliteTable('security_events', {
	seq: integer('seq').primaryKey({ autoIncrement: true }),
	type: text('type').notNull(),
	userId: text('user_id'),
	address: text('address'),
	detail: text('detail'),
	at: integer('at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * Sign-in throttles (AUTH-1…6), per account (`account:<username>`) and per address (`address:<ip>`). In
 * the database, not in memory, so that a restart forgets nothing and several processes share them.
 * `failures` counts attempts reserved and not refunded by a success; rows idle for an hour are deleted.
 */
export const signInThrottles = sqliteTable(
	'sign_in_throttles',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull(),
		/** When the last attempt was reserved, ms since the epoch: waits run from it. */
		lastAt: integer('last_at').notNull()
	},
	(t) => [index('sign_in_throttles_last_idx').on(t.lastAt)]
);

/**
 * Repeated downloads (SEC-3): one `output.downloaded` event per person, document, format, stamp and
 * line numbering within a window; the repeats are counted here, because the event log takes no updates.
 */
export const outputDownloads = sqliteTable(
	'output_downloads',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		what: text('what').notNull(),
		format: text('format').notNull(),
		stamp: text('stamp').notNull(),
		lineNumbers: integer('line_numbers', { mode: 'boolean' }).notNull(),
		/** The event that recorded the first download of the window. */
		eventSeq: integer('event_seq').notNull(),
		firstAt: integer('first_at', { mode: 'timestamp_ms' }).notNull(),
		lastAt: integer('last_at', { mode: 'timestamp_ms' }).notNull(),
		/** Downloads after the first within the window, recorded by no event of their own. */
		repeats: integer('repeats').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId, t.what, t.format, t.stamp, t.lineNumbers] })]
);

/**
 * The durable log of a collaborative document (docs/architecture.md, "Durability"): every accepted Yjs update
 * is appended here, and committed, before it is broadcast. `seq` is global and only grows (AUTOINCREMENT
 * never reuses a number, even after compaction deletes the tail of the log).
 */
export const collabUpdates = sqliteTable(
	'collab_updates',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		docName: text('doc_name').notNull(),
		update: blob('update', { mode: 'buffer' }).notNull(),
		/** Length of `update` in bytes, kept so the compaction policy can sum it without reading blobs. */
		bytes: integer('bytes').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('collab_updates_doc_seq_idx').on(t.docName, t.seq)]
);

/** A document's log folded into one state (`Y.encodeStateAsUpdate`), up to and including `upToSeq`. */
export const collabSnapshots = sqliteTable('collab_snapshots', {
	docName: text('doc_name').primaryKey(),
	state: blob('state', { mode: 'buffer' }).notNull(),
	upToSeq: integer('up_to_seq').notNull(),
	at: integer('at', { mode: 'timestamp_ms' }).notNull()
});

/** Who may fold a document's log now, until when (ms since the epoch): one node at a time (DLOG-4). */
export const collabLeases = sqliteTable('collab_leases', {
	docName: text('doc_name').primaryKey(),
	holder: text('holder').notNull(),
	until: integer('until').notNull()
});

/**
 * Amendments (docs/domain.md, "Amendments"; AMD-n). The proposal is stored in plain columns rather than JSON
 * so that targets can be indexed and joined: `target_id` for change_wording / delete / change_clause,
 * `after_id` and `level` for insert_after, `parent_id` for a subamendment; `proposed_text` is null for a
 * deletion. `code` is null until first tabled and kept for good (AMD-8); unique per meeting (NULLs do
 * not collide). `base_text` is what the amendment changes as it stood when tabled (the target's text, or
 * the parent's proposed text for a subamendment), needed to merge later.
 */
export const amendments = sqliteTable(
	'amendments',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		code: text('code'),
		groupId: text('group_id', { enum: GROUPS }).notNull(),
		// The domain's list is typed as an array, not a tuple; drizzle wants a non-empty tuple.
		kind: text('kind', { enum: AMENDMENT_KINDS as unknown as [AmendmentKind, ...AmendmentKind[]] }).notNull(),
		targetId: text('target_id'),
		afterId: text('after_id'),
		level: text('level', { enum: ['paragraph', 'subparagraph'] }),
		parentId: text('parent_id'),
		proposedText: text('proposed_text'),
		justification: text('justification'),
		status: text('status', { enum: AMENDMENT_STATUSES }).notNull().default('draft'),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		tabledBy: text('tabled_by').references(() => users.id),
		capacity: text('capacity', { enum: ['group', 'national'] }),
		/** The member State of a national Government amendment, as recorded when tabled (AMD-7). */
		tabledCountry: text('tabled_country'),
		secondedBy: text('seconded_by').references(() => users.id),
		secondedCountry: text('seconded_country'),
		baseText: text('base_text'),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('amendments_meeting_code_uq').on(t.meetingId, t.code),
		index('amendments_meeting_idx').on(t.meetingId, t.status)
	]
);

/**
 * The current position of each group on each amendment and each paragraph (POS-1). Only the latest
 * entry is kept here; every change is a `position.set` event, which is the history.
 */
export const positions = sqliteTable(
	'positions',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		subjectKind: text('subject_kind', { enum: ['amendment', 'paragraph'] }).notNull(),
		/** An amendment id, or a text unit id (paragraph or subparagraph). */
		subjectId: text('subject_id').notNull(),
		groupId: text('group_id', { enum: GROUPS }).notNull(),
		stance: text('stance', { enum: STANCES }).notNull(),
		note: text('note'),
		setBy: text('set_by')
			.notNull()
			.references(() => users.id),
		setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.subjectKind, t.subjectId, t.groupId] })]
);

/** The Chair's order of discussion for the amendments to one paragraph (AMD-20): ids, first to last. */
export const amendmentOrders = sqliteTable(
	'amendment_orders',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		unitId: text('unit_id').notNull(),
		ids: text('ids', { mode: 'json' }).$type<string[]>().notNull(),
		setBy: text('set_by')
			.notNull()
			.references(() => users.id),
		setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.unitId] })]
);

/**
 * What adopting an amendment did to the working text (MRG-n): the conflicts left for the secretariat
 * and the amendments it made moot, offered to the Chair. One row per adopted amendment that changed text.
 */
export const amendmentMerges = sqliteTable('amendment_merges', {
	amendmentId: text('amendment_id')
		.primaryKey()
		.references(() => amendments.id, { onDelete: 'cascade' }),
	meetingId: text('meeting_id')
		.notNull()
		.references(() => meetings.id, { onDelete: 'cascade' }),
	unitId: text('unit_id').notNull(),
	conflicts: text('conflicts', { mode: 'json' }).$type<MergeConflict[]>().notNull(),
	moot: text('moot', { mode: 'json' }).$type<string[]>().notNull(),
	resolvedBy: text('resolved_by').references(() => users.id),
	resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
	createdAt: createdAt()
});

/**
 * Words of a unit kept in square brackets (DEC-6). The ends are Yjs relative positions in the unit's live
 * text (JSON), so the brackets stay around the same words while the rest of the paragraph is edited.
 */
export const unitBrackets = sqliteTable(
	'unit_brackets',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		unitId: text('unit_id').notNull(),
		start: text('start', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
		end: text('end', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
		/** The words as they were when bracketed, for the record. */
		words: text('words').notNull(),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('unit_brackets_unit_idx').on(t.meetingId, t.unitId)]
);

/** Interpretive statements and reservations (STM-n): on the record, beside the text, never in it. */
export const statements = sqliteTable(
	'statements',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['interpretive', 'reservation'] }).notNull(),
		/** A unit's stable id, or null for the conclusions as a whole. */
		unitId: text('unit_id'),
		speakerId: text('speaker_id')
			.notNull()
			.references(() => users.id),
		/** The speaker's group when they spoke, and whether on its behalf. */
		speakerGroup: text('speaker_group', { enum: GROUPS }).notNull(),
		speakerCountry: text('speaker_country'),
		onBehalfOfGroup: integer('on_behalf_of_group', { mode: 'boolean' }).notNull(),
		text: text('text').notNull(),
		recordedBy: text('recorded_by')
			.notNull()
			.references(() => users.id),
		sittingId: text('sitting_id'),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('statements_meeting_idx').on(t.meetingId, t.at)]
);

/** Votes taken when consensus failed (VOT-n): the ballot as recorded and its tally. */
export const votes = sqliteTable(
	'votes',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		subjectKind: text('subject_kind', { enum: ['unit', 'amendment'] }).notNull(),
		subjectId: text('subject_id').notNull(),
		ballot: text('ballot', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
		tally: text('tally', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
		result: text('result', { enum: ['carried', 'lost', 'no_quorum'] }).notNull(),
		recordedBy: text('recorded_by')
			.notNull()
			.references(() => users.id),
		sittingId: text('sitting_id'),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('votes_meeting_idx').on(t.meetingId, t.at)]
);

/**
 * Who writes under each Yjs client id of a document: kept so that ownership survives a restart (nobody
 * may take another's clocks) and so that the history can say who shaped each paragraph.
 */
export const collabClients = sqliteTable(
	'collab_clients',
	{
		docName: text('doc_name').notNull(),
		clientId: integer('client_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		firstAt: integer('first_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.docName, t.clientId] })]
);

/**
 * Every text a unit has had at an event (the history): written by triggers on text_units (see the
 * migrations), so no code path can change a text without leaving its version. Typing arrives through the
 * text mirror, a moment after it happens; commands write their changes at once. Between two events only
 * a unit's newest version is kept (HIS-2).
 */
export const unitVersions = sqliteTable(
	'unit_versions',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		meetingId: text('meeting_id').notNull(),
		unitId: text('unit_id').notNull(),
		text: text('text').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('unit_versions_unit_idx').on(t.meetingId, t.unitId, t.seq)]
);
