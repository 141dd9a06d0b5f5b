package org.endpointmanager.core.urimap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.render.Placeholders;
import org.endpointmanager.core.store.TemplateStore;
import org.endpointmanager.core.store.TemplateRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The URI mappings: validation of what an admin saves, and the lookup the provisioning service
 * makes for every requested name. The lookup reads an in-memory index, rebuilt after every change
 * made here and at most {@link #REFRESH} old (another engine may share the database).
 */
public final class UriMappings implements ProvisioningService.MappedPaths {

    /** How old the index may get before a lookup rebuilds it. */
    public static final Duration REFRESH = Duration.ofSeconds(30);

    /** The same names the provisioning service accepts: one path segment, plain characters. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final Pattern MAC_IN_PATH = Pattern.compile("(?<![0-9A-Fa-f])([0-9A-Fa-f]{12})(?![0-9A-Fa-f])");
    private static final Logger LOG = LoggerFactory.getLogger(UriMappings.class);

    private final UriMappingStore store;
    private final TemplateStore templates;
    private final VendorRegistry vendors;
    private final Clock clock;
    private volatile Index index = new Index(Map.of(), Instant.MIN);

    private record Index(Map<String, UriMapping> byPath, Instant builtAt) {
    }

    /** Creates the mappings over their store. */
    public UriMappings(UriMappingStore store, TemplateStore templates, VendorRegistry vendors, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.templates = Objects.requireNonNull(templates, "templates is null");
        this.vendors = Objects.requireNonNull(vendors, "vendors is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** The store (listing, reading). */
    public UriMappingStore store() {
        return store;
    }

    /** Saves a new mapping after {@link #validate}; the index follows at once. */
    public void insert(UriMapping m) {
        store.insert(m);
        reload();
    }

    /** Saves a changed mapping after {@link #validate}; false when it is gone. */
    public boolean update(UriMapping m) {
        boolean changed = store.update(m);
        reload();
        return changed;
    }

    /** Deletes a mapping; false when it was not there. */
    public boolean delete(String id) {
        boolean gone = store.delete(id);
        reload();
        return gone;
    }

    @Override
    public Optional<ProvisioningService.MappedPath> find(String fileName) {
        try {
            Index current = index;
            if (current.builtAt().plus(REFRESH).isBefore(clock.instant())) {
                current = reload();
            }
            UriMapping m = current.byPath().get(fileName);
            if (m == null) {
                return Optional.empty();
            }
            Optional<TemplateRecord> template = templates.find(m.templateId());
            Optional<String> vendor = template.flatMap(TemplateRecord::vendor).or(m::vendor);
            if (template.isEmpty() || vendor.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ProvisioningService.MappedPath(vendor.get(), template.get(), macIn(m.path())));
        } catch (RuntimeException e) {
            // a database hiccup must not turn into a 500 for every file: the name is then served as if unmapped
            LOG.warn("URI mapping lookup failed file={} reason={}", fileName.replaceAll("[^A-Za-z0-9._:\\-]", "?"),
                    e.toString());
            return Optional.empty();
        }
    }

    private synchronized Index reload() {
        Map<String, UriMapping> byPath = new HashMap<>();
        for (UriMapping m : store.list()) {
            byPath.put(m.path(), m);
        }
        Index fresh = new Index(Map.copyOf(byPath), clock.instant());
        index = fresh;
        return fresh;
    }

    /**
     * Checks a mapping before it is saved and answers the vendor whose format it renders.
     *
     * @throws IllegalArgumentException naming the field ({@code path}, {@code template_id},
     *     {@code vendor}) before a colon
     */
    public String validate(UriMapping m) {
        checkPath(m.path());
        TemplateRecord template = templates.find(m.templateId())
                .orElseThrow(() -> new IllegalArgumentException("template_id: template '" + m.templateId() + "' does not exist"));
        if (m.vendor().isPresent() && vendors.find(m.vendor().get()).isEmpty()) {
            throw new IllegalArgumentException("vendor: unknown vendor '" + m.vendor().get() + "'");
        }
        if (template.vendor().isPresent() && m.vendor().isPresent() && !template.vendor().equals(m.vendor())) {
            throw new IllegalArgumentException("vendor: the template is written for " + template.vendor().get()
                    + ", not " + m.vendor().get());
        }
        String vendor = template.vendor().or(m::vendor).orElseThrow(() -> new IllegalArgumentException(
                "vendor: the template names no vendor, so the mapping must name the vendor whose format it serves"));
        if (vendors.find(vendor).isEmpty()) {
            throw new IllegalArgumentException("vendor: vendor '" + vendor + "' is not installed");
        }
        // the template was checked when saved; one saved before the check existed must not reach phones
        template.customTemplate().flatMap(Placeholders::unknown).ifPresent(problem -> {
            throw new IllegalArgumentException("template_id: the template's custom_template " + problem);
        });
        return vendor;
    }

    /** Whether another mapping has this path. */
    public boolean pathTaken(String path, String exceptId) {
        return store.list().stream().anyMatch(m -> m.path().equals(path) && !m.id().equals(exceptId));
    }

    /** The installed vendors that recognise the name themselves: a mapping of it takes their place. */
    public List<String> shadowedVendors(String path) {
        try {
            return vendors.recognise(new RequestInfo(path, Optional.empty(), "http")).stream()
                    .map(r -> r.plugin().id()).distinct().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Checks a mapped name: one path segment as phones request it, not a bare MAC (that is always the
     * device's own main file) and not a dot name.
     *
     * @throws IllegalArgumentException starting {@code path:}
     */
    public static void checkPath(String path) {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("path: a file name of 1 to 128 letters, digits and . _ : - (no slash)");
        }
        if (path.startsWith(".")) {
            throw new IllegalArgumentException("path: may not start with a dot");
        }
        if (MacAddress.tryParse(path).isPresent()) {
            throw new IllegalArgumentException("path: a bare MAC always names that device's own file");
        }
    }

    /** The MAC written in a name as exactly one run of 12 hex digits, if any. */
    public static Optional<MacAddress> macIn(String path) {
        Matcher m = MAC_IN_PATH.matcher(path);
        if (!m.find()) {
            return Optional.empty();
        }
        String hex = m.group(1);
        if (m.find()) {
            return Optional.empty();
        }
        return MacAddress.tryParse(hex);
    }
}
