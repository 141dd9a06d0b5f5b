package org.endpointmanager.core.vendor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed vendor plug-ins. {@link #load(ClassLoader)} finds them with {@link ServiceLoader};
 * hosts and tests may {@link #install(VendorPlugin)} more. Ids are unique: a second plug-in with a
 * taken id fails at once, naming both classes.
 */
public final class VendorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(VendorRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{1,31}");

    private final Map<String, VendorPlugin> byId = new ConcurrentHashMap<>();
    private final List<VendorPlugin> ordered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, VendorPlugin> builtIn = new ConcurrentHashMap<>();
    private final Map<String, org.endpointmanager.api.vendor.VendorCatalog> catalogs = new ConcurrentHashMap<>();
    private volatile Set<String> rawSections;

    /** A registry with the plug-ins the class loader's {@code META-INF/services} lists. */
    public static VendorRegistry load(ClassLoader classLoader) {
        VendorRegistry registry = new VendorRegistry();
        for (VendorPlugin plugin : ServiceLoader.load(VendorPlugin.class, classLoader)) {
            registry.install(plugin);
        }
        return registry;
    }

    /**
     * Adds a plug-in.
     *
     * @throws IllegalStateException when its id is already taken or malformed
     */
    public synchronized void install(VendorPlugin plugin) {
        Objects.requireNonNull(plugin, "plugin is null");
        String id = plugin.id();
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalStateException("vendor plug-in " + plugin.getClass().getName()
                    + " has an invalid id '" + id + "': use 2-32 lowercase letters, digits, '-' or '_'");
        }
        VendorPlugin existing = byId.putIfAbsent(id, plugin);
        if (existing != null) {
            throw new IllegalStateException("duplicate vendor id '" + id + "': " + existing.getClass().getName()
                    + " and " + plugin.getClass().getName() + " both claim it; remove one of the jars");
        }
        ordered.add(plugin);
        rawSections = null;
        builtIn.put(id, plugin);
        catalogs.put(id, plugin.catalog());
        LOG.info("vendor plug-in registered: id={} name={} class={}", id, plugin.displayName(),
                plugin.getClass().getName());
    }

    /** The raw-parameter sections of all plug-ins, in order; recomputed after each change. */
    public Set<String> rawParameterSections() {
        Set<String> known = rawSections;
        if (known != null) {
            return known;
        }
        synchronized (this) { // the same lock as the changes that reset it: never a stale set kept
            if (rawSections == null) {
                Set<String> all = new LinkedHashSet<>();
                ordered.forEach(v -> all.addAll(v.rawParameterSections()));
                rawSections = Collections.unmodifiableSet(all);
            }
            return rawSections;
        }
    }

    /** The plug-in with this id. */
    public Optional<VendorPlugin> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /**
     * The plug-in with this id.
     *
     * @throws UnknownVendorException naming the jar to add
     */
    public VendorPlugin require(String id) {
        return find(id).orElseThrow(() -> new UnknownVendorException(String.valueOf(id), byId.keySet()));
    }

    /** All plug-ins in installation order. */
    public List<VendorPlugin> all() {
        return List.copyOf(ordered);
    }

    /** Installed ids. */
    public Collection<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The plug-in whose (extended) catalog lists this OUI (six lowercase hex digits). */
    public Optional<VendorPlugin> byOui(String oui) {
        for (VendorPlugin p : ordered) {
            if (catalog(p.id()).ouis().contains(oui)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A vendor's catalog: the plug-in's built-in one extended by the operator's additions. */
    public org.endpointmanager.api.vendor.VendorCatalog catalog(String id) {
        var merged = catalogs.get(id); // asked on every request: the plug-in only when nothing is stored
        return merged != null ? merged : require(id).catalog();
    }

    /**
     * Applies the operator's catalog additions (replacing earlier ones): each vendor's catalog
     * becomes its built-in one merged with the additions, and its plug-in is asked to work with it.
     * Additions for vendors that are not installed are ignored with a warning.
     */
    public synchronized void applyCatalogAdditions(Map<String, org.endpointmanager.api.vendor.VendorCatalog> additions) {
        additions.keySet().stream().filter(v -> !builtIn.containsKey(v))
                .forEach(v -> LOG.warn("catalog additions for vendor '{}' ignored: no such plug-in is installed", v));
        for (int i = 0; i < ordered.size(); i++) {
            VendorPlugin original = builtIn.get(ordered.get(i).id());
            var extra = additions.get(original.id());
            var merged = extra == null ? original.catalog() : CatalogOverrides.merge(original.catalog(), extra);
            VendorPlugin effective = extra == null ? original : original.withCatalog(merged);
            catalogs.put(original.id(), merged);
            byId.put(original.id(), effective);
            ordered.set(i, effective);
            rawSections = null;
            if (extra != null) {
                LOG.info("catalog for {} extended: +{} OUIs, +{} models", original.id(), extra.ouis().size(), extra.models().size());
            }
        }
    }

    /**
     * Asks each plug-in to recognise a request; every plug-in that does is returned in order, so
     * the caller can break ties (three vendors ask for {@code <mac>.cfg}).
     */
    public List<Recognised> recognise(RequestInfo request) {
        List<Recognised> all = new ArrayList<>(2);
        for (VendorPlugin p : ordered) {
            Optional<FileRequest> r;
            try {
                r = p.recognize(request);
            } catch (RuntimeException e) {
                // A plug-in bug must not take the provisioning port down; the request is a miss for it.
                LOG.warn("vendor plug-in {} failed to recognise a request: {}", p.id(), e.toString());
                continue;
            }
            r.ifPresent(fr -> all.add(new Recognised(p, fr)));
        }
        return all;
    }

    /**
     * A plug-in that recognised a request.
     *
     * @param plugin the plug-in
     * @param request what it recognised
     */
    public record Recognised(VendorPlugin plugin, FileRequest request) {
    }
}
