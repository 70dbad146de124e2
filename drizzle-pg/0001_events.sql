CREATE TABLE "events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" text,
	"type" text NOT NULL,
	"actor_user_id" text,
	"actor_group" text,
	"actor_roles" text,
	"at" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"sitting_id" text
);
--> statement-breakpoint
CREATE INDEX "events_meeting_idx" ON "events" USING btree ("meeting_id","seq");