/**
 * The Grandstream CGI web-API driver: login (challenge-response or the older plain-password
 * variant), config push through {@code config_update}, reboot, factory reset, firmware path and
 * status polling. It talks HTTP only through the engine's guarded {@code OutboundHttp}.
 */
package org.endpointmanager.vendor.grandstream.driver;
