ALTER TABLE "achievements" ADD COLUMN "tag_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "focus_items" ADD COLUMN "tag_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "tag_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "tag_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "tag_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- An item's tag names as items carry them: alphabetical ignoring case.
CREATE FUNCTION ca_tag_names(owner uuid, kind text, item uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(g.name ORDER BY lower(g.name)), '{}'::text[])
  FROM taggings x JOIN tags g ON g.id = x.tag_id
  WHERE x.user_id = owner AND x.item_kind = kind AND x.item_id = item
$$;--> statement-breakpoint
-- Copies the taggings of the given items (pairs of kind and id) into their tag_names; a row that
-- already says so is left alone (a writer that sets tag_names itself costs no second row version).
CREATE FUNCTION ca_refresh_tag_names(kinds text[], ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE todos i SET tag_names = ca_tag_names(i.user_id, 'todo', i.id)
  FROM unnest(kinds, ids) AS c(kind, id)
  WHERE c.kind = 'todo' AND i.id = c.id AND i.tag_names IS DISTINCT FROM ca_tag_names(i.user_id, 'todo', i.id);
  UPDATE plans i SET tag_names = ca_tag_names(i.user_id, 'plan', i.id)
  FROM unnest(kinds, ids) AS c(kind, id)
  WHERE c.kind = 'plan' AND i.id = c.id AND i.tag_names IS DISTINCT FROM ca_tag_names(i.user_id, 'plan', i.id);
  UPDATE achievements i SET tag_names = ca_tag_names(i.user_id, 'achievement', i.id)
  FROM unnest(kinds, ids) AS c(kind, id)
  WHERE c.kind = 'achievement' AND i.id = c.id AND i.tag_names IS DISTINCT FROM ca_tag_names(i.user_id, 'achievement', i.id);
  UPDATE focus_items i SET tag_names = ca_tag_names(i.user_id, 'focus_item', i.id)
  FROM unnest(kinds, ids) AS c(kind, id)
  WHERE c.kind = 'focus_item' AND i.id = c.id AND i.tag_names IS DISTINCT FROM ca_tag_names(i.user_id, 'focus_item', i.id);
  UPDATE reports i SET tag_names = ca_tag_names(i.user_id, 'report', i.id)
  FROM unnest(kinds, ids) AS c(kind, id)
  WHERE c.kind = 'report' AND i.id = c.id AND i.tag_names IS DISTINCT FROM ca_tag_names(i.user_id, 'report', i.id);
END $$;--> statement-breakpoint
-- Taggings added or removed by one statement (`changed`: its new or old rows), by any writer.
CREATE FUNCTION ca_taggings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ca_refresh_tag_names(array_agg(item_kind), array_agg(item_id)) FROM changed;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER taggings_names_insert AFTER INSERT ON taggings REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION ca_taggings_changed();--> statement-breakpoint
CREATE TRIGGER taggings_names_delete AFTER DELETE ON taggings REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION ca_taggings_changed();--> statement-breakpoint
-- A tagging moved to another tag (tags merged): the item keeps its id, so the new rows name it.
CREATE TRIGGER taggings_names_update AFTER UPDATE ON taggings REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION ca_taggings_changed();--> statement-breakpoint
-- A renamed tag: every item carrying it.
CREATE FUNCTION ca_tags_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ca_refresh_tag_names(array_agg(x.item_kind), array_agg(x.item_id))
  FROM changed c JOIN taggings x ON x.tag_id = c.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tags_names_update AFTER UPDATE ON tags REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION ca_tags_renamed();--> statement-breakpoint
SELECT ca_refresh_tag_names(array_agg(item_kind), array_agg(item_id)) FROM (SELECT DISTINCT item_kind, item_id FROM taggings) t;
