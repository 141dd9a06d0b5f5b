package org.endpointmanager.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.core.cluster.ClusterNode;
import org.endpointmanager.core.console.ConsoleRouter;
import org.endpointmanager.core.console.Permission;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.security.ProvisioningAccessPolicy;
import org.endpointmanager.core.store.Database;

/**
 * The engine's Prometheus metrics, served as text at {@code GET /console/endpoint-manager/metrics}
 * to a console principal with the site_admin role (a scraper's bearer token): provisioning answers
 * by vendor and result, render time and render cache hits, NOTIFY outcomes, job items, lock-outs,
 * the connection pool (HikariCP's own meters) and JVM memory. Labels carry only vendor ids,
 * results and job kinds: never a MAC, address or file name, so the series stay few.
 */
public final class EngineMetrics {

    private static final Set<String> NOTIFY_KINDS = Set.of("resync", "reboot");

    private final PrometheusMeterRegistry registry;
    private final Map<String, Counter> answers = new ConcurrentHashMap<>();
    private final Map<String, Timer> renders = new ConcurrentHashMap<>();
    private final Map<String, Counter> items = new ConcurrentHashMap<>();

    private EngineMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** Creates the registry and attaches it to the parts it measures. */
    public static EngineMetrics create(Database db, ProvisioningService provisioning, ProvisioningAccessPolicy policy,
            JobRunner jobs, ClusterNode cluster) {
        Objects.requireNonNull(db, "db is null");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EngineMetrics m = new EngineMetrics(registry);
        provisioning.observe(new ProvisioningService.Observer() {
            @Override
            public void answered(String vendor, String result) {
                m.answers.computeIfAbsent(vendor + "|" + result, k -> Counter.builder("em_provisioning_requests")
                        .description("provisioning answers by vendor and result")
                        .tag("vendor", vendor).tag("result", result).register(registry)).increment();
            }

            @Override
            public void rendered(String vendor, long nanos, boolean cacheHit) {
                m.renders.computeIfAbsent(vendor + "|" + cacheHit, k -> Timer.builder("em_provisioning_render")
                        .description("time to produce a configuration file (cache=hit served from the render cache)")
                        .tag("vendor", vendor).tag("cache", cacheHit ? "hit" : "miss")
                        .publishPercentileHistogram(false).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
            }
        });
        FunctionCounter.builder("em_render_cache_hits", provisioning, p -> p.renderCacheStats()[0])
                .description("files served from the render cache").register(registry);
        FunctionCounter.builder("em_render_cache_misses", provisioning, p -> p.renderCacheStats()[1])
                .description("files rendered").register(registry);
        Gauge.builder("em_render_cache_entries", provisioning, p -> p.renderCacheStats()[2]).register(registry);
        jobs.onItem((kind, ok) -> {
            String result = ok ? "ok" : "failed";
            String name = NOTIFY_KINDS.contains(kind) ? "em_notify" : "em_job_items";
            m.items.computeIfAbsent(name + "|" + kind + "|" + result, k -> Counter.builder(name)
                    .description(NOTIFY_KINDS.contains(kind) ? "NOTIFY outcomes by action" : "job items finished by kind")
                    .tag(NOTIFY_KINDS.contains(kind) ? "action" : "kind", kind).tag("result", result)
                    .register(registry)).increment();
        });
        Gauge.builder("em_jobs_running", jobs, JobRunner::running).description("jobs running on this node")
                .register(registry);
        FunctionCounter.builder("em_lockouts", policy, p -> p.stats().lockouts())
                .description("addresses locked out (here or by another node)").register(registry);
        FunctionCounter.builder("em_lockout_refused", policy, p -> p.stats().refusedWhileLocked())
                .description("requests refused while locked out").register(registry);
        FunctionCounter.builder("em_provisioning_misses", policy, p -> p.stats().misses())
                .description("misses counted towards lock-out").register(registry);
        Gauge.builder("em_pnp_leader", cluster, c -> c.leadsPnp() ? 1 : 0)
                .description("1 while this node runs the PnP responder").register(registry);
        if (db.fetches() instanceof org.endpointmanager.core.store.BatchingFetchStore fetches) {
            FunctionCounter.builder("em_fetch_records_written", fetches, f -> f.written())
                    .description("fetch records inserted").register(registry);
            FunctionCounter.builder("em_fetch_repeats", fetches, f -> f.repeats())
                    .description("fetches counted on an earlier record as its repeats").register(registry);
        }
        db.dataSource().setMetricRegistry(registry);
        new JvmMemoryMetrics().bindTo(registry);
        return m;
    }

    /** Mounts {@code GET /metrics} under the console base, for site admins. */
    public void mount(ConsoleRouter router) {
        router.get("/metrics", Permission.ADMINISTER, (ctx, p) -> {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.header("Cache-Control", "no-store");
            ctx.result(registry.scrape());
        });
    }

    /** The text a scrape returns now. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry (hosts may add their own meters). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
