package org.endpointmanager.api.render;

import java.util.Map;

/**
 * Renders Mustache templates. The engine implements it; plug-ins get it through their {@link
 * org.endpointmanager.api.vendor.RenderContext}. Tests outside the engine find the engine's
 * implementation with {@link java.util.ServiceLoader}.
 *
 * <p>Values ({@code {{name}}}) are escaped with the given {@link Escaping}; triple mustaches and
 * {@code {{& name}}} are refused, so a template cannot opt out of escaping.
 */
public interface TemplateEngine {

    /**
     * Renders a template.
     *
     * @param template Mustache text
     * @param scope values: strings, numbers, booleans, lists of maps for sections
     * @param escaping the escaping of the output format
     * @return the rendered text
     * @throws TemplateException if the template does not compile or uses an unescaped tag
     */
    String render(String template, Map<String, ?> scope, Escaping escaping);

    /** A template that could not be compiled or rendered; the message names the line. */
    final class TemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public TemplateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
