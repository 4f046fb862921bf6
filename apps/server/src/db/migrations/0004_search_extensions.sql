-- Search that works for Chinese (no spaces between words), English and mixed text: trigram
-- indexes over text folded to lower case without accents.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes it safe
-- to use in generated columns and indexes.
CREATE OR REPLACE FUNCTION ca_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$;
--> statement-breakpoint
-- A text array joined by spaces (for skills), usable in a generated column.
CREATE OR REPLACE FUNCTION ca_join(input text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string(input, ' '), '') $$;
