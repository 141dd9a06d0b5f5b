package org.endpointmanager.core.discovery;

import java.util.Objects;
import java.util.Optional;

/**
 * What an admin gives to adopt a discovered phone.
 *
 * @param extension the host extension line 1 is bound to
 * @param templateId a template, when not the site's default
 * @param siteId a site, when not the default site
 * @param label a label
 * @param model the model, when the sighting's is missing or wrong
 */
public record AdoptionRequest(String extension, Optional<String> templateId, Optional<String> siteId,
        Optional<String> label, Optional<String> model) {
    /** Rejects nulls. */
    public AdoptionRequest {
        Objects.requireNonNull(extension, "extension is null");
        Objects.requireNonNull(templateId, "templateId is null");
        Objects.requireNonNull(siteId, "siteId is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(model, "model is null");
    }
}
