/**
 * The console pages: server-rendered HTML (Mustache, HTML-escaped) under
 * {@code /console/endpoint-manager/ui/}, small local scripts that read and write through the JSON
 * API with the session cookie and CSRF token, and the CSV import and export of devices.
 */
package org.endpointmanager.core.pages;
