ALTER TABLE "sessions" ADD COLUMN "signed_in_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
-- Sessions from before this column: their sign-in is as old as they are.
UPDATE "sessions" SET "signed_in_at" = "created_at";
