CREATE TABLE "live_call_facts" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_call_facts_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "hold_limit_seconds" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "fallback_is_call_centre" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "live_call_facts_expiry" ON "live_call_facts" USING btree ("expires_at");