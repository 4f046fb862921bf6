-- A to-do's place in due order as one text: its day as a seven-digit day number (days since
-- 0001-01-01), then its time; a day without a time after the timed ones ('~' sorts after digits in
-- the "C" collation), undated to-dos last. Built only of immutable parts (a date cast to text would
-- follow DateStyle), so it may be indexed, and PostgreSQL inlines it where it sorts rows.
CREATE OR REPLACE FUNCTION ca_due_key(due_on date, due_time text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(lpad((due_on - date '0001-01-01')::text, 7, '0'), '9999999') || ' ' || coalesce(due_time, '~') $$;
--> statement-breakpoint
CREATE INDEX "todos_user_due_key_idx" ON "todos" USING btree ("user_id",(ca_due_key("due_on", "due_time") collate "C"),"id") WHERE "todos"."deleted_at" is null;