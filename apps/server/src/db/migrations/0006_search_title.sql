ALTER TABLE "achievements" ADD COLUMN "search_title" text GENERATED ALWAYS AS (ca_fold(title)) STORED;--> statement-breakpoint
ALTER TABLE "focus_items" ADD COLUMN "search_title" text GENERATED ALWAYS AS (ca_fold(title)) STORED;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "search_title" text GENERATED ALWAYS AS (ca_fold(title)) STORED;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "search_title" text GENERATED ALWAYS AS (ca_fold(title)) STORED;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "search_title" text GENERATED ALWAYS AS (ca_fold(title)) STORED;