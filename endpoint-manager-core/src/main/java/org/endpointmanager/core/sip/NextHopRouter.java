package org.endpointmanager.core.sip;

import gov.nist.javax.sip.stack.DefaultRouter;
import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetSocketAddress;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

/**
 * The stack's router (named in {@code javax.sip.ROUTER_PATH}): a request whose Call-ID was given a
 * next hop goes there over UDP, every other request where the stack's default router sends it (the
 * Request-URI's host and port). This is how a NOTIFY reaches a phone behind NAT at the address its
 * REGISTER came from while its Request-URI stays the registered Contact, with no Route header the
 * phone would have to strip.
 */
public final class NextHopRouter implements Router {

    private final DefaultRouter fallback;
    private final Map<String, InetSocketAddress> hops = new ConcurrentHashMap<>();

    /** Called by the stack, with the constructor every {@code ROUTER_PATH} class must have. */
    public NextHopRouter(SipStack stack, String outboundProxy) {
        this.fallback = new DefaultRouter(stack, outboundProxy);
    }

    /** Sends the requests of this Call-ID (the first and a challenge's answer) to {@code hop}. */
    void route(String callId, InetSocketAddress hop) {
        hops.put(callId, hop);
    }

    /** Forgets a Call-ID once its exchange is over. */
    void forget(String callId) {
        hops.remove(callId);
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        InetSocketAddress hop = callId == null ? null : hops.get(callId.getCallId());
        if (hop != null) {
            return new HopImpl(hop.getAddress().getHostAddress(), hop.getPort(), "udp");
        }
        return fallback.getNextHop(request);
    }

    @Override
    public Hop getOutboundProxy() {
        return fallback.getOutboundProxy();
    }

    @Override
    @SuppressWarnings({"rawtypes", "deprecation"})
    public ListIterator getNextHops(Request request) {
        return fallback.getNextHops(request);
    }
}
