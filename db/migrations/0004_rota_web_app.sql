ALTER TABLE "services" ADD COLUMN "saturday_hours" text DEFAULT 'territory' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "night_hours" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "slot_weights" jsonb DEFAULT '{}'::jsonb NOT NULL;