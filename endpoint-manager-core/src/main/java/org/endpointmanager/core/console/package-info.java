/** The console JSON API under {@code /console/endpoint-manager}: every route declares the role it needs. */
package org.endpointmanager.core.console;
