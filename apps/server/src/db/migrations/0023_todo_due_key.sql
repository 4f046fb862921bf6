-- A to-do's place in due order as one text: its day, then its time, a day without a time after the
-- timed ones ('~' sorts after digits in the "C" collation), undated to-dos last. to_char with this
-- pattern reads no setting (a date cast to text follows DateStyle), so the function may be IMMUTABLE
-- and indexed.
CREATE OR REPLACE FUNCTION ca_due_key(due_on date, due_time text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(to_char(due_on, 'YYYY-MM-DD'), '9999-12-31') || ' ' || coalesce(due_time, '~') $$;
--> statement-breakpoint
CREATE INDEX "todos_user_due_key_idx" ON "todos" USING btree ("user_id",(ca_due_key("due_on", "due_time") collate "C"),"id") WHERE "todos"."deleted_at" is null;