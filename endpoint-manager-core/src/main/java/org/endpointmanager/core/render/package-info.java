/** Rendering: the Mustache engine with per-format escaping, validation of rendered files. */
package org.endpointmanager.core.render;
