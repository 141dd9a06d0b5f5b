-- Jobs not finished are looked up by status every 20 s by the maintenance leader (orphaned-job check).
CREATE INDEX endpoint_jobs_status_idx ON endpoint_jobs (status);
