CREATE TABLE "amendment_merges" (
	"amendment_id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"conflicts" jsonb NOT NULL,
	"moot" jsonb NOT NULL,
	"resolved_by" text,
	"resolved_at" bigint,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000))::bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amendment_orders" (
	"meeting_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"ids" jsonb NOT NULL,
	"set_by" text NOT NULL,
	"set_at" bigint NOT NULL,
	CONSTRAINT "amendment_orders_meeting_id_unit_id_pk" PRIMARY KEY("meeting_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "amendments" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"code" text,
	"group_id" text NOT NULL,
	"kind" text NOT NULL,
	"target_id" text,
	"after_id" text,
	"level" text,
	"parent_id" text,
	"proposed_text" text,
	"justification" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text NOT NULL,
	"tabled_by" text,
	"capacity" text,
	"tabled_country" text,
	"seconded_by" text,
	"seconded_country" text,
	"base_text" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000))::bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collab_clients" (
	"doc_name" text NOT NULL,
	"client_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"first_at" bigint NOT NULL,
	CONSTRAINT "collab_clients_doc_name_client_id_pk" PRIMARY KEY("doc_name","client_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"venue" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"subparagraph_scheme" text DEFAULT 'roman' NOT NULL,
	"created_by" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000))::bigint NOT NULL,
	"current_sitting_id" text,
	"focus_unit_id" text,
	"focus_amendment_id" text,
	"quorum" integer DEFAULT 0 NOT NULL,
	"conclusions_adopted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "output_downloads" (
	"meeting_id" text NOT NULL,
	"user_id" text NOT NULL,
	"what" text NOT NULL,
	"format" text NOT NULL,
	"stamp" text NOT NULL,
	"line_numbers" boolean NOT NULL,
	"event_seq" bigint NOT NULL,
	"first_at" bigint NOT NULL,
	"last_at" bigint NOT NULL,
	"repeats" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "output_downloads_meeting_id_user_id_what_format_stamp_line_numbers_pk" PRIMARY KEY("meeting_id","user_id","what","format","stamp","line_numbers")
);
--> statement-breakpoint
CREATE TABLE "participant_roles" (
	"participant_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "participant_roles_participant_id_role_pk" PRIMARY KEY("participant_id","role")
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"user_id" text NOT NULL,
	"group_id" text,
	"country" text,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000))::bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"meeting_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"group_id" text NOT NULL,
	"stance" text NOT NULL,
	"note" text,
	"set_by" text NOT NULL,
	"set_at" bigint NOT NULL,
	CONSTRAINT "positions_meeting_id_subject_kind_subject_id_group_id_pk" PRIMARY KEY("meeting_id","subject_kind","subject_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"user_id" text,
	"address" text,
	"detail" text,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000))::bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sittings" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"number" integer NOT NULL,
	"date" text
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" text,
	"speaker_id" text NOT NULL,
	"speaker_group" text NOT NULL,
	"speaker_country" text,
	"on_behalf_of_group" boolean NOT NULL,
	"text" text NOT NULL,
	"recorded_by" text NOT NULL,
	"sitting_id" text,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_units" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" text,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"label" text,
	"status" text DEFAULT 'draft' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_brackets" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"start" jsonb NOT NULL,
	"end" jsonb NOT NULL,
	"words" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000))::bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_versions" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"text" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"is_office" boolean DEFAULT false NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"created_at" bigint DEFAULT (floor(extract(epoch from statement_timestamp()) * 1000))::bigint NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"ballot" jsonb NOT NULL,
	"tally" jsonb NOT NULL,
	"result" text NOT NULL,
	"recorded_by" text NOT NULL,
	"sitting_id" text,
	"at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "amendment_merges" ADD CONSTRAINT "amendment_merges_amendment_id_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."amendments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_merges" ADD CONSTRAINT "amendment_merges_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_merges" ADD CONSTRAINT "amendment_merges_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_orders" ADD CONSTRAINT "amendment_orders_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_orders" ADD CONSTRAINT "amendment_orders_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_tabled_by_users_id_fk" FOREIGN KEY ("tabled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_seconded_by_users_id_fk" FOREIGN KEY ("seconded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_clients" ADD CONSTRAINT "collab_clients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "output_downloads" ADD CONSTRAINT "output_downloads_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "output_downloads" ADD CONSTRAINT "output_downloads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_roles" ADD CONSTRAINT "participant_roles_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sittings" ADD CONSTRAINT "sittings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_speaker_id_users_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_units" ADD CONSTRAINT "text_units_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_brackets" ADD CONSTRAINT "unit_brackets_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_brackets" ADD CONSTRAINT "unit_brackets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "amendments_meeting_code_uq" ON "amendments" USING btree ("meeting_id","code");--> statement-breakpoint
CREATE INDEX "amendments_meeting_idx" ON "amendments" USING btree ("meeting_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_meeting_user_uq" ON "participants" USING btree ("meeting_id","user_id");--> statement-breakpoint
CREATE INDEX "participants_user_idx" ON "participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sign_in_throttles_last_idx" ON "sign_in_throttles" USING btree ("last_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sittings_meeting_number_uq" ON "sittings" USING btree ("meeting_id","number");--> statement-breakpoint
CREATE INDEX "statements_meeting_idx" ON "statements" USING btree ("meeting_id","at");--> statement-breakpoint
CREATE INDEX "text_units_meeting_idx" ON "text_units" USING btree ("meeting_id","kind","position");--> statement-breakpoint
CREATE INDEX "unit_brackets_unit_idx" ON "unit_brackets" USING btree ("meeting_id","unit_id");--> statement-breakpoint
CREATE INDEX "unit_versions_unit_idx" ON "unit_versions" USING btree ("meeting_id","unit_id","seq");--> statement-breakpoint
CREATE INDEX "votes_meeting_idx" ON "votes" USING btree ("meeting_id","at");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;