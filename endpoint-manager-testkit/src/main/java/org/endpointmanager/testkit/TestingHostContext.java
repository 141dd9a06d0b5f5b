package org.endpointmanager.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.ConsoleAuthenticator;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.api.host.Principal;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.api.host.RegistrationFeed;
import org.endpointmanager.api.host.RegistrationListener;
import org.endpointmanager.api.host.Role;
import org.endpointmanager.api.host.UserDirectory;

/**
 * A host for tests: extensions and tokens set in code, a registration feed the test drives, and
 * a record of the listeners the add-on reported.
 */
public final class TestingHostContext implements HostContext {

    /** Token with the viewer role. */
    public static final String VIEWER_TOKEN = "viewer-token-0123456789";
    /** Token with the operator role. */
    public static final String OPERATOR_TOKEN = "operator-token-0123456789";
    /** Token with the site_admin role. */
    public static final String ADMIN_TOKEN = "site-admin-token-0123456789";

    private final Path configDirectory;
    private final Path dataDirectory;
    private final Map<String, Extension> extensions = new LinkedHashMap<>();
    private final Map<String, Principal> tokens = new LinkedHashMap<>();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<List<Listener>> reportedListeners = new CopyOnWriteArrayList<>();
    private ClassLoader pluginClassLoader = TestingHostContext.class.getClassLoader();

    /** A host whose config and data live under {@code root}, with extensions 1001-1003 and one token per role. */
    public TestingHostContext(Path root) {
        Objects.requireNonNull(root, "root is null");
        this.configDirectory = root.resolve("config");
        this.dataDirectory = root.resolve("data");
        addExtension(new Extension("1001", "1001", Secret.of("pw-1001-secret"), "Alice Example"));
        addExtension(new Extension("1002", "1002", Secret.of("pw-1002-secret"), "Bob Example"));
        addExtension(new Extension("1003", "1003", Secret.of("pw-1003-secret"), "Carol Example"));
        tokens.put(VIEWER_TOKEN, new Principal("viewer", Role.VIEWER));
        tokens.put(OPERATOR_TOKEN, new Principal("operator", Role.OPERATOR));
        tokens.put(ADMIN_TOKEN, new Principal("admin", Role.SITE_ADMIN));
    }

    /** Adds or replaces an extension. */
    public TestingHostContext addExtension(Extension extension) {
        extensions.put(extension.number(), extension);
        return this;
    }

    /** Uses another class loader for plug-ins. */
    public TestingHostContext pluginClassLoader(ClassLoader loader) {
        this.pluginClassLoader = Objects.requireNonNull(loader, "loader is null");
        return this;
    }

    /** Feeds a registration to the add-on, as a registrar would. */
    public void register(Registration registration) {
        registrations.removeIf(r -> r.extension().equals(registration.extension()) && r.contact().equals(registration.contact()));
        registrations.add(registration);
        listeners.forEach(l -> l.registered(registration));
    }

    /** Feeds an unregistration to the add-on. */
    public void unregister(String extension, String contact) {
        registrations.removeIf(r -> r.extension().equals(extension) && r.contact().equals(contact));
        listeners.forEach(l -> l.unregistered(extension, contact));
    }

    /** What the add-on reported through {@link #listenersChanged}. */
    public List<List<Listener>> reportedListeners() {
        return List.copyOf(reportedListeners);
    }

    @Override
    public Path configDirectory() {
        return configDirectory;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public UserDirectory userDirectory() {
        return new UserDirectory() {
            @Override
            public Optional<Extension> find(String number) {
                return Optional.ofNullable(extensions.get(number));
            }

            @Override
            public List<Extension> all() {
                return new ArrayList<>(extensions.values());
            }
        };
    }

    @Override
    public ConsoleAuthenticator consoleAuthenticator() {
        return token -> Optional.ofNullable(tokens.get(token));
    }

    @Override
    public RegistrationFeed registrationFeed() {
        return new RegistrationFeed() {
            @Override
            public List<Registration> current() {
                return List.copyOf(registrations);
            }

            @Override
            public void addListener(RegistrationListener listener) {
                listeners.add(listener);
            }
        };
    }

    @Override
    public ClassLoader pluginClassLoader() {
        return pluginClassLoader;
    }

    @Override
    public void listenersChanged(List<Listener> listeners) {
        reportedListeners.add(List.copyOf(listeners));
    }
}
