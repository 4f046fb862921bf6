-- Notifications are worded when read, in the reader's language, from their kind and data. Rows
-- made before that carry the plan's or focus item's id but not its title: add the title, so they
-- too read in the reader's language. Rows whose item is gone keep the words they were stored with.
UPDATE "notifications" n
SET "data" = n."data" || jsonb_build_object('planTitle', p."title")
FROM "plans" p
WHERE n."kind" IN ('stale_plan', 'plan_at_risk')
  AND NOT n."data" ? 'planTitle'
  AND p."id"::text = n."data"->>'planId'
  AND p."user_id" = n."user_id";
--> statement-breakpoint
UPDATE "notifications" n
SET "data" = n."data" || jsonb_build_object('focusTitle', f."title")
FROM "focus_items" f
WHERE n."kind" = 'idle_focus'
  AND NOT n."data" ? 'focusTitle'
  AND f."id"::text = n."data"->>'focusItemId'
  AND f."user_id" = n."user_id";
