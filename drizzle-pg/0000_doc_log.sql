CREATE TABLE "collab_docs" (
	"doc_name" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collab_leases" (
	"doc_name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"until" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collab_snapshots" (
	"doc_name" text PRIMARY KEY NOT NULL,
	"state" "bytea" NOT NULL,
	"up_to_seq" bigint NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collab_updates" (
	"doc_name" text NOT NULL,
	"seq" bigint NOT NULL,
	"update" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "collab_updates_doc_name_seq_pk" PRIMARY KEY("doc_name","seq")
);
