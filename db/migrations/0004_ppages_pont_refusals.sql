CREATE TABLE "pont_refusals" (
	"territory_id" uuid NOT NULL,
	"day" date NOT NULL,
	"refused_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pont_refusals_territory_id_day_pk" PRIMARY KEY("territory_id","day")
);
--> statement-breakpoint
ALTER TABLE "pont_refusals" ADD CONSTRAINT "pont_refusals_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;