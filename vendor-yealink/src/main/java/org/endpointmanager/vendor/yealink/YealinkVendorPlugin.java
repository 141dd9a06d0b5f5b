package org.endpointmanager.vendor.yealink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yealink desk (T2x/T3x/T4x/T5x/T7x) and DECT (W5x/W6x/W7x) phones: {@code key = value} files
 * behind {@code .boot} index files, {@code check-sync} NOTIFYs and an XML remote phonebook.
 */
public final class YealinkVendorPlugin implements VendorPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(YealinkVendorPlugin.class);

    private final YealinkRequests requests = new YealinkRequests(phonebookFileName());

    @Override
    public String id() {
        return "yealink";
    }

    @Override
    public String displayName() {
        return "Yealink";
    }

    @Override
    public VendorCatalog catalog() {
        return YealinkCatalog.CATALOG;
    }

    @Override
    public Optional<PhoneIdentity> parseUserAgent(String userAgent) {
        return YealinkUserAgent.parse(userAgent);
    }

    @Override
    public Optional<FileRequest> recognize(RequestInfo request) {
        return requests.recognize(request);
    }

    @Override
    public RenderedFile render(RenderContext context) {
        FileRequest request = context.request();
        Optional<ModelInfo> model = context.model()
                .or(() -> request.model().flatMap(m -> catalog().model(m)));
        return switch (request.kind()) {
            case BOOT -> renderBoot(context, model);
            case DEVICE, COMMON -> renderConfig(context, model, request.kind() == FileKind.DEVICE);
            case PHONEBOOK, FIRMWARE, NOT_SERVED -> throw new IllegalArgumentException(
                    "yealink renders no " + request.kind() + " file through render()");
        };
    }

    private RenderedFile renderConfig(RenderContext context, Optional<ModelInfo> model, boolean device) {
        OrderedSettings s = YealinkConfigGenerator.settings(context.profile(), model, device,
                context.provisioningBaseUrl());
        mergeRaw(context, s);
        return RenderedFile.keyValue(render(context, YealinkTemplates.DEVICE, Map.of("settings", s.asScope())));
    }

    private RenderedFile renderBoot(RenderContext context, Optional<ModelInfo> model) {
        List<Map<String, String>> includes = new ArrayList<>();
        model.flatMap(YealinkCatalog::commonFileName).ifPresent(f -> includes.add(Map.of("file", f)));
        context.request().mac().ifPresent(mac -> includes.add(Map.of("file", deviceConfigFileName(mac, ""))));
        OrderedSettings s = new OrderedSettings();
        s.put("overwrite_mode", 1);
        return RenderedFile.keyValue(render(context, YealinkTemplates.BOOT,
                Map.of("includes", includes, "settings", s.asScope())));
    }

    private void mergeRaw(RenderContext context, OrderedSettings s) {
        for (String section : rawParameterSections()) {
            List<String> refused = s.mergeRaw(context.raw().section(section));
            if (!refused.isEmpty()) {
                LOG.warn("yealink raw parameters refused for {}: malformed keys {}",
                        context.request().mac().map(MacAddress::toString).orElse(context.request().fileName()), refused);
            }
        }
    }

    private static String render(RenderContext context, String builtIn, Map<String, ?> scope) {
        return context.templates().render(context.customTemplate().orElse(builtIn), scope, Escaping.LINE);
    }

    @Override
    public String deviceConfigFileName(MacAddress mac, String model) {
        return mac.lower() + ".cfg";
    }

    @Override
    public Set<String> firmwareExtensions() {
        return Set.of(".rom", ".bin");
    }

    @Override
    public Optional<RenderedFile> renderPhonebook(String title, List<PhonebookEntry> entries) {
        return Optional.of(YealinkPhonebook.render(title, entries));
    }
}
