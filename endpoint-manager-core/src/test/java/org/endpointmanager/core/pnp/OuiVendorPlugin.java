package org.endpointmanager.core.pnp;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.api.vendor.VendorPlugin;

/**
 * A stand-in for a real vendor in core's tests (the real plug-ins are not on this classpath): the
 * real id, one real OUI and the real device file name, and a one-line config naming the line's user.
 */
final class OuiVendorPlugin implements VendorPlugin {

    private final String id;
    private final String displayName;
    private final String oui;
    private final Pattern deviceFile;
    private final Function<MacAddress, String> deviceName;

    OuiVendorPlugin(String id, String displayName, String oui, String deviceFileRegex, Function<MacAddress, String> deviceName) {
        this.id = id;
        this.displayName = displayName;
        this.oui = oui;
        this.deviceFile = Pattern.compile(deviceFileRegex);
        this.deviceName = deviceName;
    }

    static OuiVendorPlugin yealink() {
        return new OuiVendorPlugin("yealink", "Yealink", "001565", "([0-9a-f]{12})\\.cfg", m -> m.lower() + ".cfg");
    }

    static OuiVendorPlugin grandstream() {
        return new OuiVendorPlugin("grandstream", "Grandstream", "c074ad", "cfg([0-9a-f]{12})\\.xml",
                m -> "cfg" + m.lower() + ".xml");
    }

    static OuiVendorPlugin snom() {
        return new OuiVendorPlugin("snom", "Snom", "000413", "([0-9A-Fa-f]{12})\\.xml", m -> m.upper() + ".xml");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public VendorCatalog catalog() {
        return new VendorCatalog(id, Set.of(oui), List.of());
    }

    @Override
    public Optional<PhoneIdentity> parseUserAgent(String userAgent) {
        return Optional.empty();
    }

    @Override
    public Optional<FileRequest> recognize(RequestInfo request) {
        Matcher m = deviceFile.matcher(request.fileName());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new FileRequest(FileKind.DEVICE, request.fileName(), MacAddress.tryParse(m.group(1)),
                Optional.empty(), Optional.empty()));
    }

    @Override
    public RenderedFile render(RenderContext context) {
        String user = context.profile().lines().stream().findFirst().map(Line::userName).orElse("none");
        return RenderedFile.keyValue(id + ".line1.user = " + user + "\n");
    }

    @Override
    public String deviceConfigFileName(MacAddress mac, String model) {
        return deviceName.apply(mac);
    }
}
