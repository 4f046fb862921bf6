ALTER TABLE "achievements" ADD COLUMN "search_text" text GENERATED ALWAYS AS (ca_fold(title || ' ' || description || ' ' || quantifiable_results || ' ' || ca_join(skills))) STORED;--> statement-breakpoint
ALTER TABLE "focus_items" ADD COLUMN "search_text" text GENERATED ALWAYS AS (ca_fold(title || ' ' || description)) STORED;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "search_text" text GENERATED ALWAYS AS (ca_fold(title || ' ' || description)) STORED;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "search_text" text GENERATED ALWAYS AS (ca_fold(title || ' ' || notes || ' ' || summary)) STORED;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "search_text" text GENERATED ALWAYS AS (ca_fold(title || ' ' || accomplishments || ' ' || challenges || ' ' || learnings || ' ' || next_focus)) STORED;--> statement-breakpoint
CREATE INDEX "achievements_search_idx" ON "achievements" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "focus_items_search_idx" ON "focus_items" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "plans_search_idx" ON "plans" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "todos_search_idx" ON "todos" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "reports_search_idx" ON "reports" USING gin ("search_text" gin_trgm_ops);