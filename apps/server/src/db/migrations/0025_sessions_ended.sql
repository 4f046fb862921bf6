-- Every statement that ends sessions (sign-out, revocation, a password change, an account deleted
-- with its sessions, an operator's sign-out) tells the other server processes whose sessions ended,
-- on commit, so the sessions they keep in memory (SESSION_CACHE_MS) are refused there at once too.
-- The payload is the users' ids, comma-separated, or '*' for more than fit in one notification.
CREATE FUNCTION ca_sessions_ended() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  users text;
BEGIN
  SELECT string_agg(DISTINCT user_id::text, ',') INTO users FROM ended;
  IF users IS NOT NULL THEN
    PERFORM pg_notify('ca_sessions_ended', CASE WHEN length(users) > 7000 THEN '*' ELSE users END);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_ended AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS ended
  FOR EACH STATEMENT EXECUTE FUNCTION ca_sessions_ended();
