package org.endpointmanager.vendor.htek;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.MacAddress;
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

/** Htek UC9xx phones: {@code <hl_provision>} XML with P-codes named by {@code para} attributes. */
public final class HtekVendorPlugin implements VendorPlugin {

    /** The stable vendor id. */
    public static final String ID = "htek";

    private static final String RESOURCES = "/org/endpointmanager/vendor/htek/";

    private final VendorCatalog catalog;
    private final HtekFileNames fileNames;
    private final HtekTables tables;
    private final String template;

    /** Loads the built-in catalog, tables and template (also the {@link java.util.ServiceLoader} entry point). */
    public HtekVendorPlugin() {
        this(CatalogResource.load(ID, RESOURCES + "catalog.txt"));
    }

    private HtekVendorPlugin(VendorCatalog catalog) {
        this.catalog = catalog;
        this.fileNames = new HtekFileNames(catalog);
        this.tables = new HtekTables(RESOURCES);
        this.template = resource("config.xml.mustache");
    }

    /** The same plug-in recognising the extended catalog's OUIs and device codes too. */
    @Override
    public HtekVendorPlugin withCatalog(VendorCatalog extended) {
        return new HtekVendorPlugin(extended);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Htek";
    }

    @Override
    public VendorCatalog catalog() {
        return catalog;
    }

    @Override
    public Optional<PhoneIdentity> parseUserAgent(String userAgent) {
        return HtekUserAgent.parse(userAgent);
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
                    "cfg<mac> is a binary format and is answered 404, never rendered");
            case FIRMWARE -> throw new IllegalArgumentException("firmware images come from the firmware store");
            case PHONEBOOK -> {
                return renderPhonebook("", List.of()).orElseThrow();
            }
            default -> {
                // DEVICE (cfg<mac>.xml and <mac>.cfg alike), COMMON and BOOT share one format.
            }
        }
        List<PSetting> merged = settings(context);
        List<Map<String, Object>> settings = new ArrayList<>(merged.size());
        Map<String, String> values = new LinkedHashMap<>();
        for (PSetting p : merged) {
            settings.add(Map.of("code", p.code(), "para", p.para(), "hasPara", !p.para().isEmpty(),
                    "value", p.value()));
            values.put(p.code(), p.value());
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("settings", settings);
        scope.put("values", values);
        scope.put("mac", kind == FileKind.DEVICE ? context.request().mac().map(MacAddress::lower).orElse("") : "");
        String text = context.customTemplate().orElse(template);
        return RenderedFile.xml(context.templates().render(text, scope, Escaping.XML));
    }

    /**
     * The P-values a context renders to, in file order, raw parameters merged last.
     *
     * @throws IllegalArgumentException naming the key when a raw parameter is not a P-code
     */
    public Map<String, String> pvalues(RenderContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        settings(context).forEach(p -> values.put(p.code(), p.value()));
        return java.util.Collections.unmodifiableMap(values);
    }

    private List<PSetting> settings(RenderContext context) {
        List<RawParameter> raw = new ArrayList<>();
        for (String section : rawParameterSections()) {
            raw.addAll(context.raw().section(section));
        }
        boolean shared = context.request().kind() != FileKind.DEVICE;
        return RawPCodes.merge(HtekSettings.of(context, tables), raw, shared);
    }

    @Override
    public String deviceConfigFileName(MacAddress mac, String model) {
        return "cfg" + mac.lower() + ".xml";
    }

    @Override
    public NotifyEvents notifyEvents() {
        return NotifyEvents.CHECK_SYNC;
    }

    @Override
    public Set<String> firmwareExtensions() {
        return Set.of(".rom", ".bin");
    }

    @Override
    public List<String> rawParameterSections() {
        return List.of(ID);
    }

    @Override
    public String phonebookFileName() {
        return HtekFileNames.PHONEBOOK;
    }

    @Override
    public Optional<RenderedFile> renderPhonebook(String title, List<PhonebookEntry> entries) {
        return Optional.of(RenderedFile.xml(HtekPhonebook.render(entries)));
    }

    private static String resource(String name) {
        try (InputStream in = HtekVendorPlugin.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("template resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }
}
