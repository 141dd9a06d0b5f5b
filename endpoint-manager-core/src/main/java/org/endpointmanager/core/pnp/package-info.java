/**
 * SIP multicast Plug-and-Play: phones multicast a {@code SUBSCRIBE} for {@code ua-profile} to
 * 224.0.1.75:5060 at boot; the answer is a {@code NOTIFY} whose body is the provisioning URL.
 * The parser here is deliberately small and strict: it reads only what PnP needs and drops
 * anything else.
 */
package org.endpointmanager.core.pnp;
