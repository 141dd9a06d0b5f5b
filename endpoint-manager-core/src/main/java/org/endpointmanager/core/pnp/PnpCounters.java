package org.endpointmanager.core.pnp;

/**
 * What the PnP handler has seen since start.
 *
 * @param received datagrams handed to the handler
 * @param oversized datagrams larger than {@link SipParser#MAX_BYTES}, dropped
 * @param malformed datagrams that failed strict parsing, dropped
 * @param ignored well-formed SIP that is not a PnP SUBSCRIBE, or arrived while PnP is off
 * @param refused PnP SUBSCRIBEs refused (MAC lists, reflection rule, unknown vendor, caps)
 * @param answered PnP SUBSCRIBEs accepted and answered with 200 OK and NOTIFY (a failed send counts in errors too)
 * @param errors unexpected failures (sending, database), logged
 */
public record PnpCounters(long received, long oversized, long malformed, long ignored, long refused, long answered,
        long errors) {
}
