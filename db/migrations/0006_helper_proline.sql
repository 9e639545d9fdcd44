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
ALTER TABLE "advice_calls" ADD CONSTRAINT "advice_calls_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_calls" ADD CONSTRAINT "advice_calls_caller_entry_id_directory_entries_id_fk" FOREIGN KEY ("caller_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_calls" ADD CONSTRAINT "advice_calls_specialist_entry_id_directory_entries_id_fk" FOREIGN KEY ("specialist_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_offers" ADD CONSTRAINT "advice_offers_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_offers" ADD CONSTRAINT "advice_offers_entry_id_directory_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_windows" ADD CONSTRAINT "advice_windows_offer_id_advice_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."advice_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avis_requests" ADD CONSTRAINT "avis_requests_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avis_requests" ADD CONSTRAINT "avis_requests_requester_entry_id_directory_entries_id_fk" FOREIGN KEY ("requester_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avis_requests" ADD CONSTRAINT "avis_requests_answered_by_entry_id_directory_entries_id_fk" FOREIGN KEY ("answered_by_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advice_calls_ring" ON "advice_calls" USING btree ("call_sid","attempt");--> statement-breakpoint
CREATE INDEX "advice_calls_territory_at" ON "advice_calls" USING btree ("territory_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_offers_entry_specialty" ON "advice_offers" USING btree ("entry_id","specialty_code");--> statement-breakpoint
CREATE INDEX "advice_offers_territory" ON "advice_offers" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "advice_windows_offer" ON "advice_windows" USING btree ("offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "avis_requests_call" ON "avis_requests" USING btree ("call_sid");--> statement-breakpoint
CREATE INDEX "avis_requests_territory_status" ON "avis_requests" USING btree ("territory_id","status","deadline");