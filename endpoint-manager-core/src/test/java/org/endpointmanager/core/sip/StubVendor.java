package org.endpointmanager.core.sip;

import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.NotifyEvents;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;

/** The example vendor under another id with its own NOTIFY events, so a test sees whose Event is sent. */
final class StubVendor implements VendorPlugin {

    static final NotifyEvents EVENTS = new NotifyEvents("stub-resync", "stub-reboot;now=1");

    private final ExampleVendorPlugin example = new ExampleVendorPlugin();

    @Override
    public String id() {
        return "stub";
    }

    @Override
    public String displayName() {
        return "Stub";
    }

    @Override
    public VendorCatalog catalog() {
        return example.catalog();
    }

    @Override
    public Optional<PhoneIdentity> parseUserAgent(String userAgent) {
        return Optional.empty();
    }

    @Override
    public Optional<FileRequest> recognize(RequestInfo request) {
        return Optional.empty();
    }

    @Override
    public RenderedFile render(RenderContext context) {
        return example.render(context);
    }

    @Override
    public String deviceConfigFileName(MacAddress mac, String model) {
        return "stub-" + mac.lower() + ".cfg";
    }

    @Override
    public NotifyEvents notifyEvents() {
        return EVENTS;
    }
}
