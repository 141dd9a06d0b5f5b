package org.endpointmanager.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link JobStore} over {@code endpoint_jobs} and {@code endpoint_job_items}. */
final class JdbiJobStore implements JobStore {
    private static final String COLUMNS = "id, kind, status, created_by, created_at, finished_at, total, succeeded, "
            + "failed, params_json";

    private final Jdbi jdbi;

    JdbiJobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(JobRecord job, List<JobItemRecord> items) {
        Objects.requireNonNull(job, "job is null");
        Objects.requireNonNull(items, "items is null");
        for (JobItemRecord item : items) {
            if (!item.jobId().equals(job.id())) {
                throw new IllegalArgumentException("item " + item.seq() + " belongs to another job");
            }
        }
        Sql.translate(() -> jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO endpoint_jobs (" + COLUMNS + ") VALUES (:id, :kind, :status, :createdBy, "
                            + ":createdAt, :finishedAt, :total, :succeeded, :failed, :params)")
                    .bind("id", job.id())
                    .bind("kind", job.kind())
                    .bind("status", job.status())
                    .bind("createdBy", job.createdBy())
                    .bind("createdAt", Sql.millis(job.createdAt()))
                    .bind("finishedAt", job.finishedAt().map(Sql::millis).orElse(null))
                    .bind("total", job.total())
                    .bind("succeeded", job.succeeded())
                    .bind("failed", job.failed())
                    .bind("params", job.paramsJson())
                    .execute();
            for (JobItemRecord item : items) {
                h.createUpdate("INSERT INTO endpoint_job_items (job_id, seq, target, status, detail, updated_at) "
                                + "VALUES (:jobId, :seq, :target, :status, :detail, :updatedAt)")
                        .bind("jobId", item.jobId())
                        .bind("seq", item.seq())
                        .bind("target", item.target())
                        .bind("status", item.status())
                        .bind("detail", item.detail())
                        .bind("updatedAt", Sql.millis(item.updatedAt()))
                        .execute();
            }
            return null;
        }), "job " + job.id() + " exists or has two items with the same seq", StoreException.Kind.NOT_FOUND,
                "job " + job.id() + " does not exist");
    }

    @Override
    public void updateJob(JobRecord job) {
        Objects.requireNonNull(job, "job is null");
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE endpoint_jobs SET status = :status, finished_at = :finishedAt, total = :total, "
                            + "succeeded = :succeeded, failed = :failed WHERE id = :id")
                    .bind("id", job.id())
                    .bind("status", job.status())
                    .bind("finishedAt", job.finishedAt().map(Sql::millis).orElse(null))
                    .bind("total", job.total())
                    .bind("succeeded", job.succeeded())
                    .bind("failed", job.failed())
                    .execute();
            // MySQL may count only changed rows, so zero is confirmed before calling it missing
            if (n == 0 && !Sql.exists(h, "endpoint_jobs", job.id())) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no job with id " + job.id());
            }
        });
    }

    @Override
    public void updateItem(JobItemRecord item) {
        Objects.requireNonNull(item, "item is null");
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE endpoint_job_items SET status = :status, detail = :detail, "
                            + "updated_at = :updatedAt WHERE job_id = :jobId AND seq = :seq")
                    .bind("jobId", item.jobId())
                    .bind("seq", item.seq())
                    .bind("status", item.status())
                    .bind("detail", item.detail())
                    .bind("updatedAt", Sql.millis(item.updatedAt()))
                    .execute();
            if (n == 0 && !itemExists(h, item)) {
                throw new StoreException(StoreException.Kind.NOT_FOUND,
                        "no item " + item.seq() + " in job " + item.jobId());
            }
        });
    }

    private static boolean itemExists(Handle h, JobItemRecord item) {
        return h.createQuery("SELECT COUNT(*) FROM endpoint_job_items WHERE job_id = :jobId AND seq = :seq")
                .bind("jobId", item.jobId()).bind("seq", item.seq()).mapTo(Long.class).one() > 0;
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_jobs WHERE id = :id")
                .bind("id", id).map(JdbiJobStore::mapJob).findOne());
    }

    @Override
    public List<JobItemRecord> items(String jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT job_id, seq, target, status, detail, updated_at "
                        + "FROM endpoint_job_items WHERE job_id = :jobId ORDER BY seq")
                .bind("jobId", jobId)
                .map((rs, ctx) -> new JobItemRecord(rs.getString("job_id"), rs.getInt("seq"), rs.getString("target"),
                        rs.getString("status"), rs.getString("detail"), Sql.instant(rs, "updated_at")))
                .list());
    }

    @Override
    public List<JobRecord> list(int offset, int limit) {
        Sql.checkPage(offset, limit);
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_jobs "
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset)
                .map(JdbiJobStore::mapJob).list());
    }

    @Override
    public List<JobRecord> unfinished(int limit) {
        Sql.checkPage(0, limit);
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM endpoint_jobs "
                        + "WHERE status IN ('queued', 'running') ORDER BY created_at, id LIMIT :limit")
                .bind("limit", limit)
                .map(JdbiJobStore::mapJob).list());
    }

    private static JobRecord mapJob(ResultSet rs, StatementContext ctx) throws SQLException {
        return new JobRecord(rs.getString("id"), rs.getString("kind"), rs.getString("status"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.optionalInstant(rs, "finished_at"),
                rs.getInt("total"), rs.getInt("succeeded"), rs.getInt("failed"), rs.getString("params_json"));
    }
}
