package org.endpointmanager.vendor.snom;

import java.util.Optional;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.testkit.TestRendering;

/** Renders Snom files the way the engine does. */
final class SnomTestSupport {
    static final SnomVendorPlugin PLUGIN = new SnomVendorPlugin();

    private SnomTestSupport() {
    }

    static FileRequest recognize(String name, Optional<String> userAgent) {
        return PLUGIN.recognize(new RequestInfo(name, userAgent, "http"))
                .orElseThrow(() -> new AssertionError("not recognised: " + name));
    }

    static RenderedFile render(String name, Profile profile, String model) {
        return render(name, profile, model, RawParameters.none(), Optional.empty());
    }

    static RenderedFile render(String name, Profile profile, String model, RawParameters raw,
            Optional<String> customTemplate) {
        FileRequest req = recognize(name, Optional.empty());
        RenderContext ctx = TestRendering.context(PLUGIN, req, profile, PLUGIN.catalog().model(model), raw,
                customTemplate);
        return TestRendering.render(PLUGIN, ctx);
    }
}
