ALTER TABLE "notifications" ADD COLUMN "channels" text[] DEFAULT '{in_app}' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "unsubscribed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;