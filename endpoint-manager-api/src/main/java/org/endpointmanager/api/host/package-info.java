/**
 * The host embedding SPI: what a PBX implements to load the endpoint manager (or any add-on) and
 * lend it its services: user directory, console authentication, registrations, SIP.
 */
package org.endpointmanager.api.host;
