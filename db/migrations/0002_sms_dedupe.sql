ALTER TABLE "sms_messages" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_dedupe_key_unique" UNIQUE("dedupe_key");