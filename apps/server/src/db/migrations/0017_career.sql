-- A career entry's text for search: every string in its fields (list items too), in order,
-- joined by spaces. Immutable (it reads only its argument), so a generated column can use it.
CREATE FUNCTION ca_career_text(fields jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_agg(p.v #>> '{}', ' ' ORDER BY p.n), '')
        FROM jsonb_path_query(fields, 'strict $.**') WITH ORDINALITY AS p(v, n)
        WHERE jsonb_typeof(p.v) = 'string' $$;
--> statement-breakpoint
-- What a career entry is called (in the trash, in search): its section's naming fields, the
-- empty ones left out. Empty when it has none; readers then name the section instead.
CREATE FUNCTION ca_career_title(section text, fields jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(CASE section
    WHEN 'positions' THEN concat_ws(' — ', nullif(btrim(fields->>'position'), ''), nullif(btrim(fields->>'name'), ''))
    WHEN 'education' THEN concat_ws(' — ',
      nullif(concat_ws(' ', nullif(btrim(fields->>'studyType'), ''), nullif(btrim(fields->>'area'), '')), ''),
      nullif(btrim(fields->>'institution'), ''))
    WHEN 'volunteering' THEN concat_ws(' — ', nullif(btrim(fields->>'position'), ''), nullif(btrim(fields->>'organization'), ''))
    WHEN 'awards' THEN btrim(fields->>'title')
    WHEN 'languages' THEN btrim(fields->>'language')
    ELSE btrim(fields->>'name')
  END, '') $$;
--> statement-breakpoint
CREATE TABLE "career_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"section" text NOT NULL,
	"position" double precision DEFAULT 0 NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"extra" jsonb,
	"parent_id" uuid,
	"import_id" uuid,
	"title" text GENERATED ALWAYS AS (ca_career_title(section, fields)) STORED,
	"search_text" text GENERATED ALWAYS AS (ca_fold(ca_career_text(fields))) STORED,
	"search_title" text GENERATED ALWAYS AS (ca_fold(ca_career_title(section, fields))) STORED,
	"origin_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tag_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "career_entries_section_check" CHECK (section in ('positions', 'education', 'projects', 'skills', 'certificates', 'awards', 'publications', 'languages', 'volunteering', 'interests', 'references'))
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"profile_before" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undo_until" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	CONSTRAINT "imports_source_check" CHECK ("imports"."source" in ('json-resume', 'linkedin'))
);
--> statement-breakpoint
ALTER TABLE "taggings" DROP CONSTRAINT "taggings_item_kind_check";--> statement-breakpoint
ALTER TABLE "achievements" ADD COLUMN "position_id" uuid;--> statement-breakpoint
ALTER TABLE "achievements" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "address" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "resume_extra" jsonb;--> statement-breakpoint
ALTER TABLE "career_entries" ADD CONSTRAINT "career_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "career_entries" ADD CONSTRAINT "career_entries_parent_id_career_entries_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."career_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "career_entries" ADD CONSTRAINT "career_entries_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "career_entries_user_section_position_idx" ON "career_entries" USING btree ("user_id","section","position","id") WHERE "career_entries"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "career_entries_import_idx" ON "career_entries" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "career_entries_parent_idx" ON "career_entries" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "career_entries_origin_key" ON "career_entries" USING btree ("user_id","origin_id");--> statement-breakpoint
CREATE INDEX "career_entries_search_idx" ON "career_entries" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "imports_user_idx" ON "imports" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_position_id_career_entries_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."career_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_project_id_career_entries_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."career_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "achievements_position_idx" ON "achievements" USING btree ("position_id") WHERE "achievements"."position_id" is not null;--> statement-breakpoint
CREATE INDEX "achievements_project_idx" ON "achievements" USING btree ("project_id") WHERE "achievements"."project_id" is not null;--> statement-breakpoint
ALTER TABLE "taggings" ADD CONSTRAINT "taggings_item_kind_check" CHECK ("taggings"."item_kind" in ('todo', 'plan', 'achievement', 'focus_item', 'report', 'career_entry'));--> statement-breakpoint
-- Tag names (migration 0015) for career entries too: the same refresh, one kind more.
CREATE OR REPLACE FUNCTION ca_refresh_tag_names(kinds text[], ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
  UPDATE career_entries i SET tag_names = ca_tag_names(i.user_id, 'career_entry', i.id)
  FROM unnest(kinds, ids) AS c(kind, id)
  WHERE c.kind = 'career_entry' AND i.id = c.id AND i.tag_names IS DISTINCT FROM ca_tag_names(i.user_id, 'career_entry', i.id);
END $$;
--> statement-breakpoint
-- The read cache's data version (migration 0011): career entries as the other items (a purge of
-- the trash changes nothing shown); imports on any change.
CREATE CONSTRAINT TRIGGER career_entries_data_version AFTER INSERT OR UPDATE ON career_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER career_entries_data_version_delete AFTER DELETE ON career_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER imports_data_version AFTER INSERT OR UPDATE OR DELETE ON imports DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();
