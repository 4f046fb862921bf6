CREATE TABLE "todo_tallies" (
	"user_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"open" integer NOT NULL,
	CONSTRAINT "todo_tallies_user_id_due_on_pk" PRIMARY KEY("user_id","due_on")
);
--> statement-breakpoint
ALTER TABLE "todo_tallies" ADD CONSTRAINT "todo_tallies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Keeps todo_tallies as to-dos are added, finished, reopened, moved to another day, trashed,
-- restored or deleted, by any writer. Counted: open to-dos not in the trash (repositories/facts.ts,
-- `open`). A decrement only updates (a user being deleted takes their tallies with them); a day
-- that reaches zero is removed, so the table holds only days that still have open to-dos.
CREATE FUNCTION ca_tally_open_todos() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'open' AND OLD.deleted_at IS NULL THEN
    UPDATE todo_tallies SET open = open - 1
    WHERE user_id = OLD.user_id AND due_on = coalesce(OLD.due_on, 'infinity'::date);
    DELETE FROM todo_tallies
    WHERE user_id = OLD.user_id AND due_on = coalesce(OLD.due_on, 'infinity'::date) AND open <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'open' AND NEW.deleted_at IS NULL THEN
    INSERT INTO todo_tallies (user_id, due_on, open) VALUES (NEW.user_id, coalesce(NEW.due_on, 'infinity'::date), 1)
    ON CONFLICT (user_id, due_on) DO UPDATE SET open = todo_tallies.open + 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER todos_tally_insert AFTER INSERT ON todos FOR EACH ROW
  WHEN (NEW.status = 'open' AND NEW.deleted_at IS NULL) EXECUTE FUNCTION ca_tally_open_todos();--> statement-breakpoint
CREATE TRIGGER todos_tally_update AFTER UPDATE OF status, deleted_at, due_on, user_id ON todos FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        OR OLD.due_on IS DISTINCT FROM NEW.due_on OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION ca_tally_open_todos();--> statement-breakpoint
CREATE TRIGGER todos_tally_delete AFTER DELETE ON todos FOR EACH ROW
  WHEN (OLD.status = 'open' AND OLD.deleted_at IS NULL) EXECUTE FUNCTION ca_tally_open_todos();--> statement-breakpoint
INSERT INTO todo_tallies (user_id, due_on, open)
SELECT user_id, coalesce(due_on, 'infinity'::date), count(*)::integer
FROM todos WHERE status = 'open' AND deleted_at IS NULL GROUP BY 1, 2;
