/**
 * The Endpoint Manager SPI: domain values shared by the engine, vendor plug-ins and hosts.
 *
 * <p>This module depends on the JDK only. It evolves by adding default methods and new types;
 * nothing here is removed or changes meaning within a major version.
 */
package org.endpointmanager.api;
