package org.endpointmanager.core.pages;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.registrations.PhoneEntry;
import org.endpointmanager.core.registrations.PhoneList;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.vendor.VendorRegistry;

/**
 * Builds the phones list from the query string. Paging runs in the database (offset and limit),
 * so the first page of a large fleet costs one page query plus one last-fetch lookup per row shown.
 * The status filter needs the registration join, which covers the whole fleet; it is only paid for
 * when that filter is chosen.
 */
final class PhonesPage {

    private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{N} ._+()/:\\-]{0,64}");
    private static final List<Integer> LIMITS = List.of(25, 50, 100, 200);

    private final Database db;
    private final VendorRegistry vendors;
    private final PhoneList phones;

    PhonesPage(Database db, VendorRegistry vendors, PhoneList phones) {
        this.db = db;
        this.vendors = vendors;
        this.phones = phones;
    }

    PhonesView view(Context ctx) {
        String search = text(ctx, "search").orElse("");
        String model = text(ctx, "model").orElse("");
        Optional<String> vendor = text(ctx, "vendor").filter(v -> vendors.find(v).isPresent());
        List<SiteRecord> siteList = db.sites().list();
        Optional<String> site = text(ctx, "site_id").filter(s -> siteList.stream().anyMatch(r -> r.id().equals(s)));
        Optional<String> status = text(ctx, "status").filter(s -> s.equals("registered") || s.equals("unregistered"));
        int limit = number(ctx, "limit").filter(LIMITS::contains).orElse(50);
        int offset = number(ctx, "offset").filter(o -> o >= 0 && o <= 10_000_000).orElse(0);
        // The search matches the MAC as bare lowercase hex, so any spelling of a MAC finds it.
        Optional<String> searchQuery = Optional.of(search).filter(s -> !s.isBlank())
                .map(s -> MacAddress.tryParse(s).map(MacAddress::hex).orElse(s.strip()));
        DeviceQuery base = new DeviceQuery(searchQuery, vendor, Optional.of(model).filter(m -> !m.isBlank()), site,
                offset, limit);

        List<DeviceRecord> page;
        long total;
        if (status.isEmpty()) {
            page = db.devices().list(base);
            total = db.devices().count(base);
        } else {
            Set<String> registered = new HashSet<>();
            for (PhoneEntry p : phones.phones()) {
                if (p.registered()) {
                    registered.add(p.id());
                }
            }
            boolean wanted = status.get().equals("registered");
            List<DeviceRecord> all = new ArrayList<>();
            for (int o = 0; ; o += 1000) {
                List<DeviceRecord> chunk = db.devices().list(new DeviceQuery(base.search(), base.vendor(), base.model(),
                        base.siteId(), o, 1000));
                chunk.stream().filter(d -> registered.contains(d.id()) == wanted).forEach(all::add);
                if (chunk.size() < 1000) {
                    break;
                }
            }
            total = all.size();
            page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        }

        Map<String, String> siteNames = new LinkedHashMap<>();
        siteList.forEach(s -> siteNames.put(s.id(), s.name()));
        List<PhonesView.Row> rows = new ArrayList<>();
        for (DeviceRecord d : page) {
            Optional<FetchRecord> last = db.fetches().latest(d.mac());
            rows.add(new PhonesView.Row(d.mac().colons(), d.mac().hex(), d.vendor(), d.model(), d.label(),
                    siteNames.getOrDefault(d.siteId(), d.siteId()),
                    last.map(f -> f.at().truncatedTo(ChronoUnit.SECONDS).toString()).orElse(""),
                    last.flatMap(FetchRecord::firmware).orElse(""),
                    last.map(FetchRecord::sourceIp).or(d::ipAddress).orElse("")));
        }

        List<PhonesView.Choice> vendorChoices = new ArrayList<>();
        vendorChoices.add(new PhonesView.Choice("", "All vendors", vendor.isEmpty()));
        vendors.all().forEach(v -> vendorChoices.add(new PhonesView.Choice(v.id(), v.displayName(),
                vendor.filter(v.id()::equals).isPresent())));
        List<PhonesView.Choice> siteChoices = new ArrayList<>();
        siteChoices.add(new PhonesView.Choice("", "All sites", site.isEmpty()));
        siteList.forEach(s -> siteChoices.add(new PhonesView.Choice(s.id(), s.name(), site.filter(s.id()::equals).isPresent())));
        List<PhonesView.Choice> statusChoices = List.of(new PhonesView.Choice("", "Any status", status.isEmpty()),
                new PhonesView.Choice("registered", "Registered", status.filter("registered"::equals).isPresent()),
                new PhonesView.Choice("unregistered", "Not registered", status.filter("unregistered"::equals).isPresent()));

        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("search", search);
        keep.put("vendor", vendor.orElse(""));
        keep.put("model", model);
        keep.put("site_id", site.orElse(""));
        keep.put("status", status.orElse(""));
        keep.put("limit", Integer.toString(limit));
        String previous = offset > 0 ? link(keep, Math.max(0, offset - limit)) : null;
        String next = offset + limit < total ? link(keep, offset + limit) : null;
        long first = rows.isEmpty() ? 0 : offset + 1L;
        return new PhonesView(search, model, vendorChoices, siteChoices, statusChoices, rows, total, first,
                offset + (long) rows.size(), previous, next, limit);
    }

    private static String link(Map<String, String> keep, int offset) {
        StringBuilder b = new StringBuilder("?");
        keep.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        return b.append("offset=").append(offset).toString();
    }

    private static Optional<String> text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || !TEXT.matcher(v).matches() ? Optional.empty() : Optional.of(v.strip()).filter(s -> !s.isEmpty());
    }

    private static Optional<Integer> number(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || !v.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(v));
    }
}
