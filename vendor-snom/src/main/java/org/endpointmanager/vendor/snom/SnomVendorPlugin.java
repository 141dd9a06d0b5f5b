package org.endpointmanager.vendor.snom;

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
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.api.vendor.VendorPlugin;

/**
 * Snom desk phones: {@code <settings>} XML with {@code perm} and {@code idx} attributes, fetched
 * as {@code snom<model>.htm}, {@code snom<model>-<MAC>.htm} and the {@code <MAC>.xml} it lists.
 * See {@code docs/vendors/snom.md}.
 */
public final class SnomVendorPlugin implements VendorPlugin {

    /** The stable vendor id. */
    public static final String ID = "snom";
    /** Raw parameters written directly inside {@code <settings>}. */
    public static final String RAW_ROOT = "snom";
    /** Raw parameters written inside {@code <phone-settings>}. */
    public static final String RAW_PHONE = "snom-phone-settings";

    private static final String SETTINGS_TEMPLATE = SnomResources.text("settings.xml.mustache");
    private static final String SETTING_FILES_TEMPLATE = SnomResources.text("setting-files.xml.mustache");

    private final VendorCatalog catalog = SnomCatalog.load();
    private final SnomFileNames fileNames = new SnomFileNames(catalog, phonebookFileName());
    private final SnomSettingsGenerator generator =
            new SnomSettingsGenerator(SnomTimeZones.load(), SnomLanguages.load());

    /** Creates the plug-in (the {@link java.util.ServiceLoader} entry point). */
    public SnomVendorPlugin() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Snom";
    }

    @Override
    public VendorCatalog catalog() {
        return catalog;
    }

    @Override
    public Optional<PhoneIdentity> parseUserAgent(String userAgent) {
        return SnomUserAgent.parse(userAgent);
    }

    @Override
    public Optional<FileRequest> recognize(RequestInfo request) {
        if (!fileNames.mayBeSnom(request.fileName())) {
            return Optional.empty();
        }
        Optional<PhoneIdentity> identity = request.userAgent().flatMap(SnomUserAgent::parse);
        return fileNames.recognize(request.fileName(), identity);
    }

    @Override
    public RenderedFile render(RenderContext context) {
        FileKind kind = context.request().kind();
        return switch (kind) {
            case DEVICE, COMMON -> renderSettings(context);
            case BOOT -> renderSettingFiles(context);
            default -> throw new IllegalArgumentException("snom renders no " + kind + " file through render()");
        };
    }

    private RenderedFile renderSettings(RenderContext context) {
        SnomDocument doc = generator.generate(context);
        String mac = context.request().mac().map(MacAddress::upper).orElse("");
        String model = context.model().map(m -> m.model()).or(() -> context.request().model()).orElse("");
        Map<String, Object> scope = doc.scope(mac, model, context.provisioningBaseUrl());
        String template = context.customTemplate().orElse(SETTINGS_TEMPLATE);
        return RenderedFile.xml(context.templates().render(template, scope, Escaping.XML));
    }

    /**
     * The MAC's {@code .htm} lists the device file; Snom loads the listed files in order, so a
     * later file's settings win.
     */
    private RenderedFile renderSettingFiles(RenderContext context) {
        MacAddress mac = context.request().mac().orElseThrow(
                () -> new IllegalArgumentException("a Snom setting-files list needs the MAC"));
        String model = context.request().model().orElse("");
        List<Map<String, Object>> files = List.of(
                Map.of("url", context.provisioningBaseUrl() + deviceConfigFileName(mac, model)));
        Map<String, Object> scope = Map.of("files", files);
        return RenderedFile.xml(context.templates().render(SETTING_FILES_TEMPLATE, scope, Escaping.XML));
    }

    @Override
    public String deviceConfigFileName(MacAddress mac, String model) {
        return mac.upper() + ".xml";
    }

    @Override
    public NotifyEvents notifyEvents() {
        return new NotifyEvents("check-sync;reboot=false", "check-sync;reboot=true");
    }

    @Override
    public Set<String> firmwareExtensions() {
        return Set.of(".bin", ".fw");
    }

    @Override
    public List<String> rawParameterSections() {
        return List.of(RAW_ROOT, RAW_PHONE);
    }

    @Override
    public Optional<RenderedFile> renderPhonebook(String title, List<PhonebookEntry> entries) {
        return Optional.of(RenderedFile.xml(SnomPhonebook.render(title, entries)));
    }
}
