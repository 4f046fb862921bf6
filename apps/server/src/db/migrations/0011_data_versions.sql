CREATE TABLE "data_versions" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_versions" ADD CONSTRAINT "data_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "data_versions" ("user_id") SELECT "id" FROM "users";--> statement-breakpoint
-- Every new account starts with a version row, so the bumps below only ever update.
CREATE FUNCTION ca_add_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions (user_id) VALUES (NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_add_data_version AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION ca_add_data_version();
--> statement-breakpoint
-- Sets the owner's version to the writing transaction's id. Deferred to commit, so the row lock is
-- held only while committing (two writers never wait on each other's version row mid-transaction,
-- so no lock cycle), and many rows written by one transaction cost one update: the rest match
-- nothing. A deleted account's row is already gone by then (cascade), and the update finds nothing.
CREATE FUNCTION ca_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner uuid;
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    owner := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    owner := OLD.user_id;
  ELSE
    owner := NEW.user_id;
  END IF;
  UPDATE data_versions SET version = txid_current() WHERE user_id = owner AND version <> txid_current();
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Items: any insert or update; a delete only of a live row (purging the trash changes nothing shown).
CREATE CONSTRAINT TRIGGER todos_data_version AFTER INSERT OR UPDATE ON todos DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER todos_data_version_delete AFTER DELETE ON todos DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER plans_data_version AFTER INSERT OR UPDATE ON plans DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER plans_data_version_delete AFTER DELETE ON plans DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER achievements_data_version AFTER INSERT OR UPDATE ON achievements DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER achievements_data_version_delete AFTER DELETE ON achievements DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER focus_items_data_version AFTER INSERT OR UPDATE ON focus_items DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER focus_items_data_version_delete AFTER DELETE ON focus_items DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER reports_data_version AFTER INSERT OR UPDATE ON reports DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER reports_data_version_delete AFTER DELETE ON reports DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
-- Tags, the links to them, the profile and decided suggestions (skills over time): any change.
CREATE CONSTRAINT TRIGGER tags_data_version AFTER INSERT OR UPDATE OR DELETE ON tags DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER taggings_data_version AFTER INSERT OR UPDATE OR DELETE ON taggings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER profiles_data_version AFTER INSERT OR UPDATE OR DELETE ON profiles DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER suggestions_data_version AFTER INSERT OR UPDATE OR DELETE ON suggestions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ca_bump_data_version();--> statement-breakpoint
-- The profile shows the account's display name.
CREATE CONSTRAINT TRIGGER users_data_version AFTER UPDATE OF display_name ON users DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION ca_bump_data_version();
