/**
 * Rendering services the engine lends to plug-ins: a Mustache template engine whose escaping is
 * chosen per output format, so no value can inject a line or an element.
 */
package org.endpointmanager.api.render;
