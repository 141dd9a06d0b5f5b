package org.endpointmanager.testkit;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.profile.DtmfMode;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.KeyType;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.Transport;
import org.endpointmanager.api.profile.Vlan;

/**
 * Profiles every vendor test renders: a realistic full one, one with every optional field set,
 * and a hostile twin of the latter.
 */
public final class Profiles {

    /** SIP password of line 1 in {@link #full()}. */
    public static final String LINE1_PASSWORD = "s3cret-1001";
    /** SIP password of line 2 in {@link #full()}. */
    public static final String LINE2_PASSWORD = "s3cret-1002";
    /** Admin password in {@link #full()}. */
    public static final String ADMIN_PASSWORD = "adm1n-pw";
    /** Phonebook URL in {@link #full()}. */
    public static final String PHONEBOOK_URL = "http://prov.example.com/provision/phonebook.xml";
    /** Firmware URL in {@link #full()}. */
    public static final String FIRMWARE_URL = "http://prov.example.com/firmware/phone-1.2.3.bin";

    /**
     * The marker value hostile strings try to smuggle in as a setting of its own; it must never be
     * the whole value of any setting.
     */
    public static final String INJECTED = "pwned";

    /**
     * Appended to every string of {@link #hostile()}: line breaks followed by assignments in each
     * vendor's syntax, XML that would close or open elements, a CDATA end, quotes, ampersands,
     * control characters and Unicode line separators.
     */
    public static final String HOSTILE_SUFFIX = "\naccount.1.password = " + INJECTED
            + "\r\nSIP1 Register Pswd :" + INJECTED
            + "\n[" + INJECTED + "]\n<<END OF FILE>>\n<SIP CONFIG MODULE>\n"
            + "</config><P2>" + INJECTED + "</P2></settings></sysConf>]]><!-- \"'&amp;&"
            + "\u0000\u0001\u0007\u001b\u007f\u0085\u2028\u2029\rP34=" + INJECTED;

    private Profiles() {
    }

    /**
     * Two lines (1001 Alice Example, 1002 Bob Example) on pbx.example.com:5060 UDP; four BLF keys
     * 1 to 4 watching 1003..1006 with pickup code {@code *8}; codecs PCMU, PCMA, G722; RFC 2833
     * DTMF; voicemail {@code *97}; NTP pool.ntp.org and time.example.net; Europe/Berlin; VLAN 20
     * priority 5; DND off; English; admin password; resync every 1440 minutes; phonebook and
     * firmware URLs.
     */
    public static Profile full() {
        Line alice = Line.of(1, "Alice Example", "Alice Example", "1001", Secret.of(LINE1_PASSWORD),
                "pbx.example.com", 5060);
        Line bob = Line.of(2, "Bob Example", "Bob Example", "1002", Secret.of(LINE2_PASSWORD),
                "pbx.example.com", 5060);
        List<Key> keys = List.of(
                blf(1, "1003", "Carol"), blf(2, "1004", "Dave"),
                blf(3, "1005", "Erin"), blf(4, "1006", "Frank"));
        return Profile.builder()
                .lines(List.of(alice, bob))
                .keys(keys)
                .codecs(List.of("PCMU", "PCMA", "G722"))
                .dtmf(DtmfMode.RFC2833)
                .voicemailNumber("*97")
                .ntpServers(List.of("pool.ntp.org", "time.example.net"))
                .timeZone(ZoneId.of("Europe/Berlin"))
                .vlan(new Vlan(20, 5))
                .dnd(false)
                .language("en")
                .adminPassword(Secret.of(ADMIN_PASSWORD))
                .resyncInterval(Duration.ofMinutes(1440))
                .phonebookUrl(PHONEBOOK_URL)
                .firmwareUrl(FIRMWARE_URL)
                .build();
    }

    /**
     * {@link #full()} plus every optional field it leaves out: an outbound proxy, expiry and
     * voicemail on each line, a second transport, and one key of every other type.
     */
    public static Profile everyField() {
        Profile full = full();
        List<Line> lines = new ArrayList<>();
        for (Line l : full.lines()) {
            lines.add(new Line(l.index(), l.enabled(), l.label(), l.displayName(), l.userName(),
                    "auth" + l.userName(), l.password(), l.server(), l.port(),
                    l.index() == 2 ? Transport.TCP : Transport.UDP,
                    Optional.of("proxy.example.com:5061"), Optional.of(3600), Optional.of("*97")));
        }
        List<Key> keys = new ArrayList<>(full.keys());
        keys.add(new Key(0, 5, KeyType.LINE, "", "Line 1", 1, Optional.empty()));
        keys.add(Key.of(6, KeyType.SPEED_DIAL, "0049301234567", "Office"));
        keys.add(Key.of(7, KeyType.PARK, "700", "Park"));
        keys.add(Key.of(8, KeyType.DTMF, "*21#", "Code"));
        keys.add(Key.of(9, KeyType.VOICEMAIL, "*97", "Mail"));
        keys.add(Key.of(10, KeyType.DND, "", "DND"));
        keys.add(Key.of(11, KeyType.TRANSFER, "1010", "Reception"));
        keys.add(Key.of(12, KeyType.INTERCOM, "1011", "Intercom"));
        keys.add(new Key(1, 1, KeyType.BLF, "1020", "Module", 2, Optional.of("*8")));
        return full.toBuilder().lines(lines).keys(keys).build();
    }

    /** {@link #everyField()} with {@link #HOSTILE_SUFFIX} and 4 KB of padding on every string. */
    public static Profile hostile() {
        String pad = "A".repeat(4096);
        return mapStrings(everyField(), s -> s + HOSTILE_SUFFIX + pad);
    }

    /** A copy of a profile with every string (and secret) passed through a function. */
    public static Profile mapStrings(Profile p, UnaryOperator<String> f) {
        List<Line> lines = new ArrayList<>();
        for (Line l : p.lines()) {
            lines.add(new Line(l.index(), l.enabled(), f.apply(l.label()), f.apply(l.displayName()),
                    f.apply(l.userName()), f.apply(l.authName()), Secret.of(f.apply(l.password().reveal())),
                    f.apply(l.server()), l.port(), l.transport(), l.outboundProxy().map(f),
                    l.expirySeconds(), l.voicemail().map(f)));
        }
        List<Key> keys = new ArrayList<>();
        for (Key k : p.keys()) {
            keys.add(new Key(k.module(), k.index(), k.type(), f.apply(k.value()), f.apply(k.label()),
                    k.line(), k.pickupCode().map(f)));
        }
        return new Profile(lines, keys, p.codecs().stream().map(f).toList(), p.dtmf(),
                p.voicemailNumber().map(f), p.ntpServers().stream().map(f).toList(), p.timeZone(),
                p.vlan(), p.dnd(), p.language().map(f), p.adminPassword().map(s -> Secret.of(f.apply(s.reveal()))),
                p.resyncInterval(), p.phonebookUrl().map(f), p.firmwareUrl().map(f));
    }

    /** What the engine passes for COMMON and BOOT files: no lines and no admin password. */
    public static Profile withoutSecrets(Profile p) {
        return new Profile(List.of(), p.keys(), p.codecs(), p.dtmf(), p.voicemailNumber(), p.ntpServers(),
                p.timeZone(), p.vlan(), p.dnd(), p.language(), Optional.empty(), p.resyncInterval(),
                p.phonebookUrl(), p.firmwareUrl());
    }

    private static Key blf(int index, String ext, String name) {
        return new Key(0, index, KeyType.BLF, ext, name, 1, Optional.of("*8"));
    }
}
