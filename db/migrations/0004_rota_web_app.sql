CREATE TABLE "pont_refusals" (
	"territory_id" uuid NOT NULL,
	"day" date NOT NULL,
	"refused_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pont_refusals_territory_id_day_pk" PRIMARY KEY("territory_id","day")
);
--> statement-breakpoint
CREATE TABLE "tableau_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"sent_on" date,
	"sent_by" uuid,
	"sent_by_label" text,
	"snapshot" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sms" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT false NOT NULL,
	CONSTRAINT "notice_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "swap_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"swap_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event" text NOT NULL,
	"channel" text NOT NULL,
	"professional_id" uuid,
	"user_id" uuid,
	"not_before" timestamp with time zone NOT NULL,
	"enqueued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "saturday_hours" text DEFAULT 'territory' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "night_hours" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "modality" text DEFAULT 'consultation' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "slot_weights" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pont_refusals" ADD CONSTRAINT "pont_refusals_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tableau_periods" ADD CONSTRAINT "tableau_periods_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tableau_periods" ADD CONSTRAINT "tableau_periods_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tableau_periods" ADD CONSTRAINT "tableau_periods_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_preferences" ADD CONSTRAINT "notice_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_notices" ADD CONSTRAINT "swap_notices_swap_id_swap_requests_id_fk" FOREIGN KEY ("swap_id") REFERENCES "public"."swap_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_notices" ADD CONSTRAINT "swap_notices_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_notices" ADD CONSTRAINT "swap_notices_professional_id_professionals_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."professionals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_notices" ADD CONSTRAINT "swap_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tableau_periods_service_span" ON "tableau_periods" USING btree ("service_id","starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "tableau_periods_territory" ON "tableau_periods" USING btree ("territory_id","starts_on");--> statement-breakpoint
CREATE INDEX "swap_notices_swap" ON "swap_notices" USING btree ("swap_id");--> statement-breakpoint
CREATE INDEX "swap_notices_outbox" ON "swap_notices" USING btree ("enqueued_at");