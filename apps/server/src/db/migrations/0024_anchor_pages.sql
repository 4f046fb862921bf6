CREATE TABLE "anchor_pages" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"timezone" text NOT NULL,
	"day" date NOT NULL,
	"page" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "anchor_pages" ADD CONSTRAINT "anchor_pages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The page is read far more often than written: stored out of line without compression, so no
-- read spends time unpacking it.
ALTER TABLE "anchor_pages" ALTER COLUMN "page" SET STORAGE EXTERNAL;
