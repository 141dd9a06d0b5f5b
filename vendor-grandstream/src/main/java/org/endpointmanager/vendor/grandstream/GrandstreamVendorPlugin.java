package org.endpointmanager.vendor.grandstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.driver.DeviceDriver;
import org.endpointmanager.api.driver.DriverContext;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.NotifyEvents;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.vendor.grandstream.driver.GrandstreamDriver;

/**
 * Grandstream GXP/GRP/GXV phones: {@code <gs_provision>} XML with config-v1 P-codes.
 *
 * <p>The P-value map behind a file is public ({@link #pvalues(RenderContext)}) so the HTTP
 * driver can push the same settings through {@code config_update}.
 */
public final class GrandstreamVendorPlugin implements VendorPlugin {

    /** The stable vendor id. */
    public static final String ID = "grandstream";

    private static final String RESOURCES = "/org/endpointmanager/vendor/grandstream/";
    private static final NotifyEvents EVENTS = new NotifyEvents("resync", "check-sync;reboot=true");

    private final VendorCatalog catalog;
    private final GrandstreamFileNames fileNames;
    private final String template;

    /** Loads the built-in catalog and template (also the {@link java.util.ServiceLoader} entry point). */
    public GrandstreamVendorPlugin() {
        this(CatalogResource.load(ID, RESOURCES + "catalog.txt"));
    }

    private GrandstreamVendorPlugin(VendorCatalog catalog) {
        this.catalog = catalog;
        this.fileNames = new GrandstreamFileNames(catalog);
        this.template = resource("config.xml.mustache");
    }

    /** The same plug-in recognising the extended catalog's OUIs and models too. */
    @Override
    public GrandstreamVendorPlugin withCatalog(VendorCatalog extended) {
        return new GrandstreamVendorPlugin(extended);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Grandstream";
    }

    @Override
    public VendorCatalog catalog() {
        return catalog;
    }

    @Override
    public Optional<PhoneIdentity> parseUserAgent(String userAgent) {
        return GrandstreamUserAgent.parse(userAgent);
    }

    @Override
    public Optional<FileRequest> recognize(RequestInfo request) {
        return fileNames.recognize(request);
    }

    @Override
    public RenderedFile render(RenderContext context) {
        FileKind kind = context.request().kind();
        switch (kind) {
            case NOT_SERVED -> throw new IllegalArgumentException(
                    "cfg<mac> is Grandstream's binary format and is answered 404, never rendered");
            case FIRMWARE -> throw new IllegalArgumentException("firmware images come from the firmware store");
            case PHONEBOOK -> {
                return renderPhonebook("", List.of()).orElseThrow();
            }
            default -> {
                // DEVICE, COMMON and BOOT share one format.
            }
        }
        Map<String, String> values = pvalues(context);
        List<Map<String, String>> settings = new ArrayList<>(values.size());
        values.forEach((code, value) -> settings.add(Map.of("code", code, "value", value)));
        Map<String, Object> scope = new LinkedHashMap<>();
        Optional<MacAddress> mac = kind == FileKind.DEVICE ? context.request().mac() : Optional.empty();
        scope.put("hasMac", mac.isPresent());
        scope.put("mac", mac.map(MacAddress::lower).orElse(""));
        scope.put("settings", settings);
        scope.put("values", values);
        String text = context.customTemplate().orElse(template);
        return RenderedFile.xml(context.templates().render(text, scope, Escaping.XML));
    }

    /**
     * The P-values a context renders to, in file order, raw parameters merged last (a raw code
     * replaces the generated one, new codes are appended). Files shared by many phones never get
     * secret codes from raw parameters.
     *
     * @throws IllegalArgumentException naming the key when a raw parameter is not a P-code
     */
    public Map<String, String> pvalues(RenderContext context) {
        List<RawParameter> raw = new ArrayList<>();
        for (String section : rawParameterSections()) {
            raw.addAll(context.raw().section(section));
        }
        boolean shared = context.request().kind() != FileKind.DEVICE;
        return Collections.unmodifiableMap(RawPCodes.merge(GrandstreamSettings.of(context), raw, shared));
    }

    @Override
    public String deviceConfigFileName(MacAddress mac, String model) {
        return "cfg" + mac.lower() + ".xml";
    }

    @Override
    public NotifyEvents notifyEvents() {
        return EVENTS;
    }

    @Override
    public Set<String> firmwareExtensions() {
        return Set.of(".bin");
    }

    @Override
    public List<String> rawParameterSections() {
        return List.of(ID);
    }

    /** {@code phonebook.xml}: P331 names only a directory and the phone appends this name. */
    @Override
    public String phonebookFileName() {
        return GrandstreamFileNames.PHONEBOOK;
    }

    @Override
    public Optional<RenderedFile> renderPhonebook(String title, List<PhonebookEntry> entries) {
        return Optional.of(RenderedFile.xml(GrandstreamPhonebook.render(entries)));
    }

    /** The CGI web-API driver (seed 000's fleet control), over the engine's guarded HTTP client. */
    @Override
    public Optional<DeviceDriver> deviceDriver(DriverContext context) {
        return Optional.of(new GrandstreamDriver(context));
    }

    private static String resource(String name) {
        try (InputStream in = GrandstreamVendorPlugin.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("template resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }
}
