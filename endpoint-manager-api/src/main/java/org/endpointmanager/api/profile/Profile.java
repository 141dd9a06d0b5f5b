package org.endpointmanager.api.profile;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.Secret;

/**
 * The effective, vendor-neutral settings of one phone, after the engine merged vendor defaults,
 * the template, the site and the device (see {@code docs/architecture.md} for the precedence).
 *
 * <p>Codec names are upper case RTP names: {@code PCMU}, {@code PCMA}, {@code G722},
 * {@code G729}, {@code OPUS}, {@code ILBC}, {@code G726-32}, {@code G723}.
 *
 * @param lines the SIP accounts, in index order
 * @param keys programmable keys
 * @param codecs codec preference, first is preferred; empty keeps the phone's default
 * @param dtmf DTMF mode
 * @param voicemailNumber number dialled for voicemail
 * @param ntpServers NTP servers in preference order
 * @param timeZone IANA time zone; each vendor converts it to its own notation
 * @param vlan voice VLAN
 * @param dnd do-not-disturb on or off
 * @param language user interface language as an ISO 639-1 code such as {@code en}
 * @param adminPassword the phone's web/admin password
 * @param resyncInterval how often the phone re-fetches its configuration
 * @param phonebookUrl remote phonebook URL
 * @param firmwareUrl firmware image URL
 */
public record Profile(
        List<Line> lines,
        List<Key> keys,
        List<String> codecs,
        Optional<DtmfMode> dtmf,
        Optional<String> voicemailNumber,
        List<String> ntpServers,
        Optional<ZoneId> timeZone,
        Optional<Vlan> vlan,
        Optional<Boolean> dnd,
        Optional<String> language,
        Optional<Secret> adminPassword,
        Optional<Duration> resyncInterval,
        Optional<String> phonebookUrl,
        Optional<String> firmwareUrl) {

    /** Copies the lists and rejects nulls. */
    public Profile {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines is null"));
        keys = List.copyOf(Objects.requireNonNull(keys, "keys is null"));
        codecs = List.copyOf(Objects.requireNonNull(codecs, "codecs is null"));
        Objects.requireNonNull(dtmf, "dtmf is null");
        Objects.requireNonNull(voicemailNumber, "voicemailNumber is null");
        ntpServers = List.copyOf(Objects.requireNonNull(ntpServers, "ntpServers is null"));
        Objects.requireNonNull(timeZone, "timeZone is null");
        Objects.requireNonNull(vlan, "vlan is null");
        Objects.requireNonNull(dnd, "dnd is null");
        Objects.requireNonNull(language, "language is null");
        Objects.requireNonNull(adminPassword, "adminPassword is null");
        Objects.requireNonNull(resyncInterval, "resyncInterval is null");
        Objects.requireNonNull(phonebookUrl, "phonebookUrl is null");
        Objects.requireNonNull(firmwareUrl, "firmwareUrl is null");
    }

    /** A profile with nothing set. */
    public static Profile empty() {
        return builder().build();
    }

    /** A builder starting from nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this profile's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.lines = lines;
        b.keys = keys;
        b.codecs = codecs;
        b.dtmf = dtmf;
        b.voicemailNumber = voicemailNumber;
        b.ntpServers = ntpServers;
        b.timeZone = timeZone;
        b.vlan = vlan;
        b.dnd = dnd;
        b.language = language;
        b.adminPassword = adminPassword;
        b.resyncInterval = resyncInterval;
        b.phonebookUrl = phonebookUrl;
        b.firmwareUrl = firmwareUrl;
        return b;
    }

    /** Every secret this profile carries, so previews and stored copies can mask them. */
    public List<Secret> secrets() {
        java.util.ArrayList<Secret> all = new java.util.ArrayList<>();
        for (Line l : lines) {
            if (!l.password().isEmpty()) {
                all.add(l.password());
            }
        }
        adminPassword.filter(s -> !s.isEmpty()).ifPresent(all::add);
        return List.copyOf(all);
    }

    /** Mutable builder for {@link Profile}. */
    public static final class Builder {
        private List<Line> lines = List.of();
        private List<Key> keys = List.of();
        private List<String> codecs = List.of();
        private Optional<DtmfMode> dtmf = Optional.empty();
        private Optional<String> voicemailNumber = Optional.empty();
        private List<String> ntpServers = List.of();
        private Optional<ZoneId> timeZone = Optional.empty();
        private Optional<Vlan> vlan = Optional.empty();
        private Optional<Boolean> dnd = Optional.empty();
        private Optional<String> language = Optional.empty();
        private Optional<Secret> adminPassword = Optional.empty();
        private Optional<Duration> resyncInterval = Optional.empty();
        private Optional<String> phonebookUrl = Optional.empty();
        private Optional<String> firmwareUrl = Optional.empty();

        private Builder() {
        }

        /** Sets the lines. */
        public Builder lines(List<Line> v) { this.lines = v; return this; }
        /** Sets the keys. */
        public Builder keys(List<Key> v) { this.keys = v; return this; }
        /** Sets the codec order. */
        public Builder codecs(List<String> v) { this.codecs = v; return this; }
        /** Sets the DTMF mode. */
        public Builder dtmf(DtmfMode v) { this.dtmf = Optional.ofNullable(v); return this; }
        /** Sets the voicemail number. */
        public Builder voicemailNumber(String v) { this.voicemailNumber = Optional.ofNullable(v); return this; }
        /** Sets the NTP servers. */
        public Builder ntpServers(List<String> v) { this.ntpServers = v; return this; }
        /** Sets the time zone. */
        public Builder timeZone(ZoneId v) { this.timeZone = Optional.ofNullable(v); return this; }
        /** Sets the VLAN. */
        public Builder vlan(Vlan v) { this.vlan = Optional.ofNullable(v); return this; }
        /** Sets DND. */
        public Builder dnd(Boolean v) { this.dnd = Optional.ofNullable(v); return this; }
        /** Sets the UI language. */
        public Builder language(String v) { this.language = Optional.ofNullable(v); return this; }
        /** Sets the admin password. */
        public Builder adminPassword(Secret v) { this.adminPassword = Optional.ofNullable(v); return this; }
        /** Sets the resync interval. */
        public Builder resyncInterval(Duration v) { this.resyncInterval = Optional.ofNullable(v); return this; }
        /** Sets the phonebook URL. */
        public Builder phonebookUrl(String v) { this.phonebookUrl = Optional.ofNullable(v); return this; }
        /** Sets the firmware URL. */
        public Builder firmwareUrl(String v) { this.firmwareUrl = Optional.ofNullable(v); return this; }

        /** Builds the profile. */
        public Profile build() {
            return new Profile(lines, keys, codecs, dtmf, voicemailNumber, ntpServers, timeZone, vlan,
                    dnd, language, adminPassword, resyncInterval, phonebookUrl, firmwareUrl);
        }
    }
}
