-- A plan's progress, defined once: the share of its live linked to-dos that are done, rounded to a
-- whole percent (half up); a plan with no to-dos is at 0. Every reader (lists, anchor page, public
-- page, drafts, charts, reminders, export) reads plans.progress or calls this function.
CREATE FUNCTION ca_progress(done integer, total integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN total > 0 THEN round(done * 100.0 / total)::integer ELSE 0 END
$$;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "todo_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "todo_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "progress" integer GENERATED ALWAYS AS (coalesce(progress_override, ca_progress(todo_done, todo_total))) STORED;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "status_by_hand" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Keeps todo_total and todo_done as to-dos are added, linked, finished, reopened, trashed,
-- restored or deleted, by any writer. Counted: linked to-dos not in the trash.
CREATE FUNCTION ca_count_plan_todos() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.plan_id IS NOT NULL AND OLD.deleted_at IS NULL THEN
    UPDATE plans SET todo_total = todo_total - 1, todo_done = todo_done - (OLD.status = 'done')::integer
    WHERE id = OLD.plan_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.plan_id IS NOT NULL AND NEW.deleted_at IS NULL THEN
    UPDATE plans SET todo_total = todo_total + 1, todo_done = todo_done + (NEW.status = 'done')::integer
    WHERE id = NEW.plan_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER todos_count_insert AFTER INSERT ON todos FOR EACH ROW WHEN (NEW.plan_id IS NOT NULL) EXECUTE FUNCTION ca_count_plan_todos();--> statement-breakpoint
CREATE TRIGGER todos_count_update AFTER UPDATE OF plan_id, status, deleted_at ON todos FOR EACH ROW
  WHEN (OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION ca_count_plan_todos();--> statement-breakpoint
CREATE TRIGGER todos_count_delete AFTER DELETE ON todos FOR EACH ROW WHEN (OLD.plan_id IS NOT NULL) EXECUTE FUNCTION ca_count_plan_todos();--> statement-breakpoint
UPDATE plans p SET todo_total = c.total, todo_done = c.done
FROM (SELECT plan_id, count(*)::integer AS total, (count(*) FILTER (WHERE status = 'done'))::integer AS done
      FROM todos WHERE deleted_at IS NULL AND plan_id IS NOT NULL GROUP BY plan_id) c
WHERE c.plan_id = p.id;
