package org.endpointmanager.testkit;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.endpointmanager.api.Device;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.render.TemplateEngine;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;

/** Renders vendor files the way the engine does, for tests. */
public final class TestRendering {

    /** The provisioning base every test render uses. */
    public static final String BASE_URL = "http://prov.example.com/provision/";

    private static volatile TemplateEngine engine;

    private TestRendering() {
    }

    /** The engine's template engine, found with {@link ServiceLoader}. */
    public static TemplateEngine engine() {
        TemplateEngine e = engine;
        if (e == null) {
            Iterator<TemplateEngine> it = ServiceLoader.load(TemplateEngine.class).iterator();
            if (!it.hasNext()) {
                throw new IllegalStateException("no TemplateEngine found through ServiceLoader: "
                        + "add endpoint-manager-core with test scope");
            }
            e = it.next();
            engine = e;
        }
        return e;
    }

    /** Renders with no raw parameters and no custom template. */
    public static RenderedFile render(VendorPlugin p, FileRequest req, Profile profile, Optional<ModelInfo> model) {
        return render(p, context(p, req, profile, model, RawParameters.none(), Optional.empty()));
    }

    /** Renders a prepared context. */
    public static RenderedFile render(VendorPlugin p, RenderContext context) {
        return Objects.requireNonNull(p.render(context), "render returned null");
    }

    /**
     * A context as the engine builds it: for DEVICE files a device with the request's MAC and the
     * model's name; for every other kind no device.
     */
    public static RenderContext context(VendorPlugin p, FileRequest req, Profile profile,
            Optional<ModelInfo> model, RawParameters raw, Optional<String> customTemplate) {
        Optional<Device> device = Optional.empty();
        if (req.kind() == FileKind.DEVICE) {
            device = Optional.of(new Device("00000000-0000-4000-8000-000000000001", req.mac().orElseThrow(),
                    p.id(), model.map(ModelInfo::model).orElse(""), "Test phone", "default", Optional.empty()));
        }
        return new RenderContext(req, device, model, profile, raw, BASE_URL, customTemplate, engine());
    }
}
