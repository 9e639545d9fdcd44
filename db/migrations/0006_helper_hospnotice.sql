CREATE TABLE "noticed_movements" (
	"movement_id" uuid PRIMARY KEY NOT NULL,
	"outcome" text NOT NULL,
	"noticed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_home_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stay_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"assignee_entry_id" uuid,
	"due_at" timestamp with time zone,
	"due_follows_stay" boolean DEFAULT true NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stay_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stay_id" uuid NOT NULL,
	"movement_id" uuid,
	"territory_id" uuid NOT NULL,
	"recipient_entry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"email_status" text DEFAULT 'pending' NOT NULL,
	"email_claimed_at" timestamp with time zone,
	"email_sent_at" timestamp with time zone,
	"sms_status" text DEFAULT 'pending' NOT NULL,
	"sms_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "noticed_movements" ADD CONSTRAINT "noticed_movements_movement_id_stay_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."stay_movements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_home_items" ADD CONSTRAINT "return_home_items_stay_id_hospital_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."hospital_stays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_home_items" ADD CONSTRAINT "return_home_items_assignee_entry_id_directory_entries_id_fk" FOREIGN KEY ("assignee_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_home_items" ADD CONSTRAINT "return_home_items_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_stay_id_hospital_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."hospital_stays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_movement_id_stay_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."stay_movements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_recipient_entry_id_directory_entries_id_fk" FOREIGN KEY ("recipient_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_home_items_stay" ON "return_home_items" USING btree ("stay_id");--> statement-breakpoint
CREATE INDEX "return_home_items_assignee" ON "return_home_items" USING btree ("assignee_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stay_notices_dedupe" ON "stay_notices" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "stay_notices_stay" ON "stay_notices" USING btree ("stay_id");--> statement-breakpoint
CREATE INDEX "stay_notices_recipient" ON "stay_notices" USING btree ("recipient_entry_id");