package org.endpointmanager.core.pnp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;

/**
 * A PnP {@code SUBSCRIBE} ({@code Event: ua-profile;profile-type="device"}) with the parts the
 * answer needs. Every MAC the request carries (Request-URI, From, To) must be the same one.
 *
 * @param mac the phone's MAC
 * @param eventVendor the Event's {@code vendor} parameter (not trusted alone: old Snom sends "OEM")
 * @param model the Event's {@code model}
 * @param version the Event's {@code version} (firmware)
 * @param vias the Via header values in order, echoed in the 200 OK
 * @param viaHost the host of the topmost Via
 * @param from the From value as received
 * @param fromAddress the parsed From
 * @param to the To value as received
 * @param toAddress the parsed To
 * @param callId the Call-ID
 * @param cseq the CSeq value
 * @param contact the Contact URI (where the NOTIFY goes)
 */
public record PnpSubscribe(MacAddress mac, Optional<String> eventVendor, Optional<String> model,
        Optional<String> version, List<String> vias, String viaHost, String from, NameAddress fromAddress, String to,
        NameAddress toAddress, String callId, String cseq, SipUri contact) {

    private static final Pattern VIA = Pattern.compile(
            "SIP */ *2\\.0 */ *UDP +([A-Za-z0-9.\\-]{1,253}|\\[[0-9a-fA-F:.]{2,45}])(?::([0-9]{1,5}))?[ ]*(;.*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CALL_ID = Pattern.compile("[!-~]{1,128}");
    private static final Pattern CSEQ = Pattern.compile("([0-9]{1,10}) +SUBSCRIBE");
    private static final Pattern EVENT_PARAM = Pattern.compile(
            "\\s*([A-Za-z0-9\\-_.]{1,32})\\s*=\\s*(\"[ !#-~]{0,64}\"|[A-Za-z0-9\\-_.!%*+`'~]{1,64})\\s*");

    /** Copies the list. */
    public PnpSubscribe {
        Objects.requireNonNull(mac, "mac is null");
        vias = List.copyOf(vias);
        Objects.requireNonNull(callId, "callId is null");
    }

    /**
     * Reads a PnP SUBSCRIBE.
     *
     * @return empty when the message is another request (not a PnP SUBSCRIBE at all)
     * @throws MalformedSipException when it is a PnP SUBSCRIBE with missing or bad parts
     */
    public static Optional<PnpSubscribe> from(SipMessage m) throws MalformedSipException {
        if (!m.method().orElse("").equals("SUBSCRIBE")) {
            return Optional.empty();
        }
        List<String> events = m.all("event");
        if (events.size() != 1) {
            return Optional.empty();
        }
        String event = events.get(0);
        int semi = event.indexOf(';');
        String package_ = (semi < 0 ? event : event.substring(0, semi)).strip();
        if (!package_.equalsIgnoreCase("ua-profile")) {
            return Optional.empty();
        }
        Map<String, String> params = eventParams(semi < 0 ? "" : event.substring(semi + 1));
        if (!params.getOrDefault("profile-type", "").equalsIgnoreCase("device")) {
            throw new MalformedSipException("ua-profile SUBSCRIBE without profile-type=device");
        }
        List<String> vias = new ArrayList<>();
        m.all("via").forEach(vias::add);
        if (vias.isEmpty()) {
            throw new MalformedSipException("no Via");
        }
        String top = vias.get(0);
        int comma = top.indexOf(',');
        Matcher via = VIA.matcher(comma < 0 ? top : top.substring(0, comma));
        if (!via.matches()) {
            throw new MalformedSipException("topmost Via is not SIP/2.0/UDP host[:port]");
        }
        String viaHost = via.group(1).startsWith("[") ? via.group(1).substring(1, via.group(1).length() - 1) : via.group(1);
        String from = single(m, "from");
        String to = single(m, "to");
        String callId = single(m, "call-id");
        if (!CALL_ID.matcher(callId).matches()) {
            throw new MalformedSipException("bad Call-ID");
        }
        String cseq = single(m, "cseq");
        if (!CSEQ.matcher(cseq).matches()) {
            throw new MalformedSipException("bad CSeq");
        }
        NameAddress fromAddress = NameAddress.parse(from);
        NameAddress toAddress = NameAddress.parse(to);
        if (fromAddress.tag().isEmpty()) {
            throw new MalformedSipException("From without tag");
        }
        SipUri contact = NameAddress.parse(single(m, "contact")).uri();
        SipUri requestUri = SipUri.parse(m.requestUri().orElseThrow());
        MacAddress mac = null;
        for (SipUri uri : List.of(requestUri, fromAddress.uri(), toAddress.uri())) {
            Optional<MacAddress> found = uri.user().flatMap(MacUserPart::parse);
            if (found.isPresent()) {
                if (mac != null && !mac.equals(found.get())) {
                    throw new MalformedSipException("the Request-URI, From and To name different MACs");
                }
                mac = found.get();
            }
        }
        if (mac == null) {
            throw new MalformedSipException("no MAC in the Request-URI, From or To");
        }
        return Optional.of(new PnpSubscribe(mac, Optional.ofNullable(params.get("vendor")),
                Optional.ofNullable(params.get("model")), Optional.ofNullable(params.get("version")), vias, viaHost,
                from, fromAddress, to, toAddress, callId, cseq, contact));
    }

    private static String single(SipMessage m, String name) throws MalformedSipException {
        List<String> values = m.all(name);
        if (values.size() != 1 || values.get(0).isEmpty()) {
            throw new MalformedSipException("need exactly one " + name);
        }
        return values.get(0);
    }

    private static Map<String, String> eventParams(String text) throws MalformedSipException {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return out;
        }
        // Quoted values hold no ';' in what phones send, and the pattern refuses quotes inside one.
        for (String part : text.split(";", -1)) {
            Matcher p = EVENT_PARAM.matcher(part);
            if (!p.matches()) {
                throw new MalformedSipException("bad Event parameter");
            }
            String v = p.group(2);
            if (v.startsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            if (out.putIfAbsent(p.group(1).toLowerCase(Locale.ROOT), v.strip()) != null) {
                throw new MalformedSipException("Event parameter appears twice");
            }
        }
        return out;
    }
}
