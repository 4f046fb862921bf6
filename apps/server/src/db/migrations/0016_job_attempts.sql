ALTER TABLE "job_runs" DROP CONSTRAINT "job_runs_status_check";--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "partial_start" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "job_runs_running_idx" ON "job_runs" USING btree ("id") WHERE "job_runs"."status" = 'running';--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_status_check" CHECK ("job_runs"."status" in ('queued', 'running', 'retrying', 'succeeded', 'failed'));