/**
 * The example host's minimal SIP registrar: UDP only, REGISTER with MD5 digest against the
 * {@code [[extensions]]} of {@code proxy.toml}, and INVITEs to add-on dial hooks (star-code
 * self-binding), answered without media. A strict parser of its own keeps the host small.
 */
package org.endpointmanager.host.sip;
