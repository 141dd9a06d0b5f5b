package org.endpointmanager.api.vendor;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A generated file, before validation.
 *
 * @param contentType HTTP content type, for example {@code text/plain; charset=utf-8}
 * @param syntax how the engine validates it
 * @param body the file content
 */
public record RenderedFile(String contentType, ConfigSyntax syntax, String body) {
    /** Rejects nulls. */
    public RenderedFile {
        Objects.requireNonNull(contentType, "contentType is null");
        Objects.requireNonNull(syntax, "syntax is null");
        Objects.requireNonNull(body, "body is null");
    }

    /** A plain-text {@code key = value} file. */
    public static RenderedFile keyValue(String body) {
        return new RenderedFile("text/plain; charset=utf-8", ConfigSyntax.KEY_VALUE, body);
    }

    /** An XML file. */
    public static RenderedFile xml(String body) {
        return new RenderedFile("application/xml; charset=utf-8", ConfigSyntax.XML, body);
    }

    /** The body as UTF-8 bytes. */
    public byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
