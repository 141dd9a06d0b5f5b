package org.endpointmanager.host;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.endpointmanager.api.host.Addon;
import org.endpointmanager.api.host.ConsoleAuthenticator;
import org.endpointmanager.api.host.RegistrationFeed;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.host.config.ProxyConfig;
import org.endpointmanager.host.config.ProxyConfigLoader;
import org.endpointmanager.host.console.ConfiguredConsoleAuthenticator;
import org.endpointmanager.host.sip.DialHooks;
import org.endpointmanager.host.sip.SipRegistrar;
import org.endpointmanager.host.users.ConfiguredUserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running host: reads {@code proxy.toml}, finds add-ons on the class path and in
 * {@code <config>/plugins/}, starts those the file names, and closes them in reverse order.
 */
public final class AddonHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AddonHost.class);

    private final ProxyConfig config;
    private final URLClassLoader pluginLoader;
    private final List<Addon> started;
    private final Optional<SipRegistrar> registrar;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private AddonHost(ProxyConfig config, URLClassLoader pluginLoader, List<Addon> started,
            Optional<SipRegistrar> registrar) {
        this.config = config;
        this.pluginLoader = pluginLoader;
        this.started = started;
        this.registrar = registrar;
    }

    /**
     * Reads the config, starts the registrar on {@code [sip] bind}:{@code port} and the add-ons
     * it names; the registrar's bindings are the add-ons' registration feed, and their dial hooks
     * answer the INVITEs it receives.
     *
     * @throws HostStartException when the SIP port cannot be bound or an add-on fails
     */
    public static AddonHost start(Path configDirectory) {
        ProxyConfig config = ProxyConfigLoader.load(configDirectory);
        UserDirectory users = new ConfiguredUserDirectory(config.extensions(), config.bindingPins());
        DialHooks hooks = new DialHooks();
        SipRegistrar registrar;
        try {
            registrar = SipRegistrar.start(SipRegistrar.Options.defaults(config.sipBind(), config.sipPort()), users, hooks);
        } catch (IOException e) {
            throw new HostStartException("cannot listen for SIP on udp " + config.sipBind() + ":" + config.sipPort()
                    + " ([sip] bind and port in proxy.toml): " + e.getMessage(), e);
        }
        try {
            return start(config, users, registrar.bindings(), hooks, Optional.of(registrar));
        } catch (RuntimeException | Error e) {
            registrar.close();
            throw e;
        }
    }

    /**
     * Reads the config and starts the add-ons it names.
     *
     * @param configDirectory the directory holding {@code proxy.toml}
     * @param registrationFeed the registrar's bindings, lent to every add-on
     * @throws org.endpointmanager.host.config.HostConfigException when {@code proxy.toml} is invalid
     * @throws HostStartException when an add-on is missing or fails to start; those already
     *     started are closed again
     */
    public static AddonHost start(Path configDirectory, RegistrationFeed registrationFeed) {
        Objects.requireNonNull(registrationFeed, "registrationFeed is null");
        ProxyConfig config = ProxyConfigLoader.load(configDirectory);
        return start(config, new ConfiguredUserDirectory(config.extensions(), config.bindingPins()), registrationFeed,
                new DialHooks(), Optional.empty());
    }

    private static AddonHost start(ProxyConfig config, UserDirectory users, RegistrationFeed registrationFeed,
            DialHooks hooks, Optional<SipRegistrar> registrar) {
        createDirectory(config.dataDirectory());
        URLClassLoader loader = PluginFolder.open(config.configDirectory(), AddonHost.class.getClassLoader());
        List<Addon> started = new ArrayList<>();
        try {
            Map<String, Addon> found = discover(loader);
            ConsoleAuthenticator authenticator = new ConfiguredConsoleAuthenticator(config.tokens(), config.users());
            for (String id : config.addons()) {
                Addon addon = found.get(id);
                if (addon == null) {
                    throw new HostStartException("no add-on with id '" + id + "' (found: "
                            + (found.isEmpty() ? "none" : String.join(", ", found.keySet()))
                            + "); put its jar on the class path or in " + config.configDirectory().resolve(PluginFolder.NAME));
                }
                Path dataDirectory = config.dataDirectory().resolve(id);
                createDirectory(dataDirectory);
                var context = new AddonContext(id, config.configDirectory(), dataDirectory, users, authenticator,
                        registrationFeed, loader, hooks);
                startOne(addon, context);
                started.add(addon);
            }
        } catch (RuntimeException | Error e) {
            closeAll(started);
            closeQuietly(loader);
            throw e;
        }
        if (started.isEmpty()) {
            LOG.info("no add-ons configured in [proxy] addons");
        }
        return new AddonHost(config, loader, started, registrar);
    }

    /** The validated {@code proxy.toml}. */
    public ProxyConfig config() {
        return config;
    }

    /** The registrar, when this host runs one ({@link #start(Path)}). */
    public Optional<SipRegistrar> registrar() {
        return registrar;
    }

    /** The started add-ons, in start order. */
    public List<Addon> addons() {
        return Collections.unmodifiableList(started);
    }

    /** The loader over the class path and {@code <config>/plugins/*.jar}. */
    public ClassLoader pluginClassLoader() {
        return pluginLoader;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClose() throws InterruptedException {
        closedLatch.await();
    }

    /** Closes the add-ons in reverse start order; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeAll(started);
        registrar.ifPresent(SipRegistrar::close);
        closeQuietly(pluginLoader);
        closedLatch.countDown();
    }

    private static Map<String, Addon> discover(ClassLoader loader) {
        Map<String, Addon> found = new TreeMap<>();
        try {
            for (Addon addon : ServiceLoader.load(Addon.class, loader)) {
                String id = addon.id();
                Addon previous = found.putIfAbsent(id, addon);
                if (previous != null) {
                    throw new HostStartException("two add-ons have id '" + id + "': "
                            + describe(previous) + " and " + describe(addon) + "; remove one");
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new HostStartException("cannot load add-ons: " + e.getMessage(), e);
        }
        return found;
    }

    private static void startOne(Addon addon, AddonContext context) {
        // Libraries that look resources up through the context class loader (JDBC drivers,
        // migrations, Jetty) then see jars from plugins/ too; threads started here inherit it.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(context.pluginClassLoader());
        try {
            addon.start(context);
        } catch (Exception e) {
            LOG.debug("add-on {} failed to start", context.addonId(), e);
            closeQuietly(addon);
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
            throw new HostStartException("add-on '" + context.addonId() + "' failed to start: " + reason, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info("add-on {} started ({})", context.addonId(), describe(addon));
    }

    private static void closeAll(List<Addon> addons) {
        for (int i = addons.size() - 1; i >= 0; i--) {
            Addon addon = addons.get(i);
            closeQuietly(addon);
            LOG.info("add-on {} closed", addon.id());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new HostStartException("cannot create data directory " + directory + ": " + e, e);
        }
    }

    /** The class and the jar it came from, so a duplicate or a surprise is easy to trace. */
    private static String describe(Addon addon) {
        CodeSource source = addon.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        String where = "unknown location";
        if (location != null) {
            try {
                where = String.valueOf(Path.of(location.toURI()).getFileName());
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                where = location.toString();
            }
        }
        return addon.getClass().getName() + " from " + where;
    }
}
