package org.endpointmanager.vendor.fanvil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.ConfigSyntax;
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
 * Fanvil phones: the {@code <<VOIP CONFIG FILE>>} text dialect by default and {@code <sysConf>}
 * XML for the models whose catalog entry says {@code sysconf}; model common files; firmware
 * descriptors; {@code check-sync} NOTIFYs.
 */
public final class FanvilVendorPlugin implements VendorPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(FanvilVendorPlugin.class);
    private static final Pattern VERSION = Pattern.compile("([0-9]+(?:\\.[0-9]+){2,})");

    private final FanvilRequests requests = new FanvilRequests(phonebookFileName());

    @Override
    public String id() {
        return "fanvil";
    }

    @Override
    public String displayName() {
        return "Fanvil";
    }

    @Override
    public VendorCatalog catalog() {
        return FanvilCatalog.CATALOG;
    }

    @Override
    public Optional<PhoneIdentity> parseUserAgent(String userAgent) {
        return FanvilUserAgent.parse(userAgent);
    }

    @Override
    public Optional<FileRequest> recognize(RequestInfo request) {
        return requests.recognize(request);
    }

    @Override
    public RenderedFile render(RenderContext context) {
        FileRequest request = context.request();
        Optional<ModelInfo> model = context.model().or(() -> request.model().flatMap(m -> catalog().model(m)));
        return switch (request.kind()) {
            case DEVICE, COMMON -> renderConfig(context, model, request.kind() == FileKind.DEVICE);
            case FIRMWARE -> renderFirmwareDescriptor(context, model);
            case BOOT, PHONEBOOK, NOT_SERVED -> throw new IllegalArgumentException(
                    "fanvil renders no " + request.kind() + " file through render()");
        };
    }

    private RenderedFile renderConfig(RenderContext context, Optional<ModelInfo> model, boolean device) {
        List<FanvilItem> items = FanvilConfigGenerator.items(context.profile(), model, device);
        List<String> refused = new ArrayList<>();
        RenderedFile file;
        if (FanvilCatalog.usesSysConf(model)) {
            Map<String, Object> scope = FanvilSysConfWriter.scope(items, context.raw(), rawParameterSections(), refused);
            file = RenderedFile.xml(render(context, FanvilResources.SYSCONF, scope, Escaping.XML));
        } else {
            Map<String, Object> scope = FanvilTextWriter.scope(items, context.raw(), refused);
            file = new RenderedFile("text/plain; charset=utf-8", ConfigSyntax.SECTIONED_TEXT,
                    render(context, FanvilResources.TEXT, scope, Escaping.LINE));
        }
        if (!refused.isEmpty()) {
            LOG.warn("fanvil raw parameters refused for {}: malformed names {}",
                    context.request().mac().map(MacAddress::toString).orElse(context.request().fileName()),
                    refused.stream().map(k -> Escaping.LINE.escape(k.length() > 40 ? k.substring(0, 40) + "..." : k)).toList());
        }
        return file;
    }

    private RenderedFile renderFirmwareDescriptor(RenderContext context, Optional<ModelInfo> model) {
        String url = context.profile().firmwareUrl().orElse("");
        String file = url.substring(url.lastIndexOf('/') + 1);
        Matcher v = VERSION.matcher(file);
        String version = v.find() ? v.group(1) : "";
        Map<String, Object> scope = Map.of("version", version, "url", url,
                "info", model.map(ModelInfo::model).orElse(""));
        String body = context.templates().render(FanvilResources.FIRMWARE, scope, Escaping.LINE);
        return new RenderedFile("text/plain; charset=utf-8", ConfigSyntax.OPAQUE, body);
    }

    private static String render(RenderContext context, String builtIn, Map<String, ?> scope, Escaping escaping) {
        return context.templates().render(context.customTemplate().orElse(builtIn), scope, escaping);
    }

    @Override
    public String deviceConfigFileName(MacAddress mac, String model) {
        return mac.lower() + ".cfg";
    }

    @Override
    public Set<String> firmwareExtensions() {
        return Set.of(".z", ".bin");
    }

    @Override
    public List<String> rawParameterSections() {
        return List.of("fanvil", "fanvil-sip", "fanvil-tele", "fanvil-autoupdate");
    }

    @Override
    public Optional<RenderedFile> renderPhonebook(String title, List<PhonebookEntry> entries) {
        return Optional.of(FanvilPhonebook.render(title, entries));
    }
}
