ALTER TABLE "achievements" ADD COLUMN "origin_id" uuid;--> statement-breakpoint
ALTER TABLE "focus_items" ADD COLUMN "origin_id" uuid;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "origin_id" uuid;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "origin_id" uuid;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "origin_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "achievements_origin_key" ON "achievements" USING btree ("user_id","origin_id");--> statement-breakpoint
CREATE UNIQUE INDEX "focus_items_origin_key" ON "focus_items" USING btree ("user_id","origin_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_origin_key" ON "plans" USING btree ("user_id","origin_id");--> statement-breakpoint
CREATE UNIQUE INDEX "todos_origin_key" ON "todos" USING btree ("user_id","origin_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_origin_key" ON "reports" USING btree ("user_id","origin_id");