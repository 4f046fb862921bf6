DROP INDEX "todos_user_status_idx";--> statement-breakpoint
DROP INDEX "todos_plan_idx";--> statement-breakpoint
CREATE INDEX "todos_user_status_position_idx" ON "todos" USING btree ("user_id","status","position","id") WHERE "todos"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "todos_user_position_idx" ON "todos" USING btree ("user_id","position","id") WHERE "todos"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "todos_user_status_due_idx" ON "todos" USING btree ("user_id","status","due_on") WHERE "todos"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "todos_user_plan_status_idx" ON "todos" USING btree ("user_id","plan_id","status") WHERE "todos"."deleted_at" is null;