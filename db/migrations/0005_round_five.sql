-- Hand-written: the directory's search index needs pg_trgm (in PostgreSQL's contrib, shipped by embedded-postgres too).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "directory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"national_id" text,
	"rpps" text,
	"civility" text,
	"last_name" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"profession_code" text,
	"specialty_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"national_hash" text,
	"imported_at" timestamp with time zone,
	"gone_at" timestamp with time zone,
	"mobile" text,
	"direct_line" text,
	"mssante" text,
	"visibility" text DEFAULT 'professionals' NOT NULL,
	"opt_ins" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"professional_id" uuid,
	"search_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"structure_name" text,
	"structure_id" text,
	"address" text,
	"postcode" text,
	"insee_commune" text,
	"commune_name" text,
	"phone" text,
	"email" text
);
--> statement-breakpoint
CREATE TABLE "hl7_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid,
	"sending_facility" text NOT NULL,
	"control_id" text NOT NULL,
	"event" text,
	"raw" text NOT NULL,
	"ack_code" text NOT NULL,
	"ack" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hospital_stays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"sending_facility" text NOT NULL,
	"visit_number" text NOT NULL,
	"patient_id" text NOT NULL,
	"patient_family_name" text NOT NULL,
	"patient_given_name" text DEFAULT '' NOT NULL,
	"patient_birth_date" date,
	"patient_sex" text,
	"patient_class" text,
	"unit" text,
	"status" text NOT NULL,
	"admitted_at" timestamp with time zone,
	"expected_discharge_at" timestamp with time zone,
	"discharged_at" timestamp with time zone,
	"gp_rpps" text,
	"gp_entry_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stay_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stay_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"event" text NOT NULL,
	"movement_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"call_id" uuid,
	"slot_starts_at" timestamp with time zone NOT NULL,
	"patient_number" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"booked_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fiche_addenda" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiche_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regulation_fiches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"regulator_id" uuid NOT NULL,
	"reason_code" text,
	"reason_text" text,
	"decision" text,
	"prescription" boolean,
	"prescription_text" text,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"requested_by" uuid,
	"person_source" jsonb NOT NULL,
	"savoir_faire_source" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"report" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
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
CREATE TABLE "advice_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"call_sid" text NOT NULL,
	"attempt" integer NOT NULL,
	"caller_entry_id" uuid,
	"specialist_entry_id" uuid,
	"specialty_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"answered" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advice_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"specialty_code" text NOT NULL,
	"direct_line" text,
	"deadline_hours" integer DEFAULT 48 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advice_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "avis_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"call_sid" text,
	"requester_entry_id" uuid,
	"specialty_code" text NOT NULL,
	"specialist_entry_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by_entry_id" uuid
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "consultation_slot_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "consultation_capacity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "regulation_mode" text DEFAULT 'centre15' NOT NULL;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "crra_number" text;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "regional_regulation_number" text DEFAULT '15' NOT NULL;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "convention_ref" text;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "convention_signed_on" date;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "ars_approved_on" date;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "insee_communes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "hl7_facilities" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "territory_numbers" ADD COLUMN "line" text DEFAULT 'patient' NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_professional_id_professionals_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."professionals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_places" ADD CONSTRAINT "directory_places_entry_id_directory_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hl7_messages" ADD CONSTRAINT "hl7_messages_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stays" ADD CONSTRAINT "hospital_stays_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stays" ADD CONSTRAINT "hospital_stays_gp_entry_id_directory_entries_id_fk" FOREIGN KEY ("gp_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_movements" ADD CONSTRAINT "stay_movements_stay_id_hospital_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."hospital_stays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_movements" ADD CONSTRAINT "stay_movements_message_id_hl7_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."hl7_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_call_id_call_records_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_records"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_booked_by_professionals_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fiche_addenda" ADD CONSTRAINT "fiche_addenda_fiche_id_regulation_fiches_id_fk" FOREIGN KEY ("fiche_id") REFERENCES "public"."regulation_fiches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fiche_addenda" ADD CONSTRAINT "fiche_addenda_author_id_professionals_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulation_fiches" ADD CONSTRAINT "regulation_fiches_call_id_call_records_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulation_fiches" ADD CONSTRAINT "regulation_fiches_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulation_fiches" ADD CONSTRAINT "regulation_fiches_regulator_id_professionals_id_fk" FOREIGN KEY ("regulator_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_imports" ADD CONSTRAINT "directory_imports_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_imports" ADD CONSTRAINT "directory_imports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "noticed_movements" ADD CONSTRAINT "noticed_movements_movement_id_stay_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."stay_movements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_home_items" ADD CONSTRAINT "return_home_items_stay_id_hospital_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."hospital_stays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_home_items" ADD CONSTRAINT "return_home_items_assignee_entry_id_directory_entries_id_fk" FOREIGN KEY ("assignee_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_home_items" ADD CONSTRAINT "return_home_items_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_stay_id_hospital_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."hospital_stays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_movement_id_stay_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."stay_movements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_notices" ADD CONSTRAINT "stay_notices_recipient_entry_id_directory_entries_id_fk" FOREIGN KEY ("recipient_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_calls" ADD CONSTRAINT "advice_calls_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_calls" ADD CONSTRAINT "advice_calls_caller_entry_id_directory_entries_id_fk" FOREIGN KEY ("caller_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_calls" ADD CONSTRAINT "advice_calls_specialist_entry_id_directory_entries_id_fk" FOREIGN KEY ("specialist_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_offers" ADD CONSTRAINT "advice_offers_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_offers" ADD CONSTRAINT "advice_offers_entry_id_directory_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_windows" ADD CONSTRAINT "advice_windows_offer_id_advice_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."advice_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avis_requests" ADD CONSTRAINT "avis_requests_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avis_requests" ADD CONSTRAINT "avis_requests_requester_entry_id_directory_entries_id_fk" FOREIGN KEY ("requester_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avis_requests" ADD CONSTRAINT "avis_requests_answered_by_entry_id_directory_entries_id_fk" FOREIGN KEY ("answered_by_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_entries_national" ON "directory_entries" USING btree ("territory_id","national_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_entries_professional" ON "directory_entries" USING btree ("professional_id");--> statement-breakpoint
CREATE INDEX "directory_entries_rpps" ON "directory_entries" USING btree ("rpps");--> statement-breakpoint
CREATE INDEX "directory_entries_mobile" ON "directory_entries" USING btree ("mobile");--> statement-breakpoint
CREATE INDEX "directory_entries_search" ON "directory_entries" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_entries_specialties" ON "directory_entries" USING gin ("specialty_codes");--> statement-breakpoint
CREATE INDEX "directory_entries_profession" ON "directory_entries" USING btree ("territory_id","profession_code");--> statement-breakpoint
CREATE INDEX "directory_places_entry" ON "directory_places" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hl7_messages_control" ON "hl7_messages" USING btree ("sending_facility","control_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_stays_visit" ON "hospital_stays" USING btree ("sending_facility","visit_number");--> statement-breakpoint
CREATE INDEX "hospital_stays_gp" ON "hospital_stays" USING btree ("gp_entry_id");--> statement-breakpoint
CREATE INDEX "hospital_stays_territory" ON "hospital_stays" USING btree ("territory_id","updated_at");--> statement-breakpoint
CREATE INDEX "stay_movements_stay" ON "stay_movements" USING btree ("stay_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stay_movements_zbe1" ON "stay_movements" USING btree ("stay_id","event","movement_id") WHERE "stay_movements"."movement_id" is not null and "stay_movements"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "consultation_bookings_slot" ON "consultation_bookings" USING btree ("service_id","slot_starts_at");--> statement-breakpoint
CREATE INDEX "consultation_bookings_patient" ON "consultation_bookings" USING btree ("patient_number","status");--> statement-breakpoint
CREATE INDEX "fiche_addenda_fiche" ON "fiche_addenda" USING btree ("fiche_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "regulation_fiches_call" ON "regulation_fiches" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "regulation_fiches_unfinished" ON "regulation_fiches" USING btree ("territory_id","created_at") WHERE "regulation_fiches"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "regulation_fiches_regulator" ON "regulation_fiches" USING btree ("regulator_id","created_at");--> statement-breakpoint
CREATE INDEX "directory_imports_territory" ON "directory_imports" USING btree ("territory_id","created_at");--> statement-breakpoint
CREATE INDEX "return_home_items_stay" ON "return_home_items" USING btree ("stay_id");--> statement-breakpoint
CREATE INDEX "return_home_items_assignee" ON "return_home_items" USING btree ("assignee_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stay_notices_dedupe" ON "stay_notices" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "stay_notices_stay" ON "stay_notices" USING btree ("stay_id");--> statement-breakpoint
CREATE INDEX "stay_notices_recipient" ON "stay_notices" USING btree ("recipient_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_calls_ring" ON "advice_calls" USING btree ("call_sid","attempt");--> statement-breakpoint
CREATE INDEX "advice_calls_territory_at" ON "advice_calls" USING btree ("territory_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_offers_entry_specialty" ON "advice_offers" USING btree ("entry_id","specialty_code");--> statement-breakpoint
CREATE INDEX "advice_offers_territory" ON "advice_offers" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "advice_windows_offer" ON "advice_windows" USING btree ("offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "avis_requests_call" ON "avis_requests" USING btree ("call_sid");--> statement-breakpoint
CREATE INDEX "avis_requests_territory_status" ON "avis_requests" USING btree ("territory_id","status","deadline");--> statement-breakpoint
-- Hand-written: a territory whose on-call doctor answered as the regulation keeps doing so.
UPDATE "territories" SET "regulation_mode" = CASE WHEN ("settings"->>'regulates') = 'false' THEN 'centre15' ELSE 'plateforme' END;
