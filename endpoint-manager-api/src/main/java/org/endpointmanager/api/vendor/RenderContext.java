package org.endpointmanager.api.vendor;

import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Device;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.render.TemplateEngine;

/**
 * Everything a generator needs to render one file.
 *
 * <p>For {@link FileKind#COMMON} and {@link FileKind#BOOT} files the engine passes no device and a
 * profile without lines or admin password, so a shared file cannot carry a secret.
 *
 * @param request the recognised request
 * @param device the device, for DEVICE files
 * @param model the catalog entry of the device's model, when known
 * @param profile the effective settings
 * @param raw raw vendor parameters, merged last
 * @param provisioningBaseUrl the base URL this phone should keep, ending in '/'
 * @param customTemplate an admin's full template text for this vendor/model, when one is set; the
 *     generator renders it instead of its built-in template
 * @param templates the template engine
 */
public record RenderContext(
        FileRequest request,
        Optional<Device> device,
        Optional<ModelInfo> model,
        Profile profile,
        RawParameters raw,
        String provisioningBaseUrl,
        Optional<String> customTemplate,
        TemplateEngine templates) {
    /** Rejects nulls; the base URL must end in '/'. */
    public RenderContext {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(device, "device is null");
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(profile, "profile is null");
        Objects.requireNonNull(raw, "raw is null");
        Objects.requireNonNull(provisioningBaseUrl, "provisioningBaseUrl is null");
        if (!provisioningBaseUrl.endsWith("/")) {
            throw new IllegalArgumentException("provisioningBaseUrl must end with '/'");
        }
        Objects.requireNonNull(customTemplate, "customTemplate is null");
        Objects.requireNonNull(templates, "templates is null");
    }
}
