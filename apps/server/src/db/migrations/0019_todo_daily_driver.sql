ALTER TABLE "todos" ADD COLUMN "due_time" text;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "recurrence" text;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "series_start" date;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "subtasks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "remind_before" integer;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "todos_user_open_due_idx" ON "todos" USING btree ("user_id","due_on","due_time") WHERE "todos"."deleted_at" is null and "todos"."status" = 'open';--> statement-breakpoint
CREATE INDEX "todos_series_idx" ON "todos" USING btree ("series_id") WHERE "todos"."series_id" is not null;--> statement-breakpoint
CREATE INDEX "todos_reminder_due_idx" ON "todos" USING btree ("due_on") WHERE "todos"."remind_before" is not null and "todos"."reminder_sent_at" is null and "todos"."status" = 'open' and "todos"."deleted_at" is null;--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_due_time_check" CHECK ("todos"."due_time" is null or ("todos"."due_on" is not null and "todos"."due_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'));--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_recurrence_check" CHECK ("todos"."recurrence" is null or ("todos"."due_on" is not null and "todos"."series_id" is not null and "todos"."series_start" is not null));--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_remind_before_check" CHECK ("todos"."remind_before" is null or "todos"."remind_before" between 0 and 10080);