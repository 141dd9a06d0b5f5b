package org.endpointmanager.core.pages;

import java.util.List;
import java.util.Objects;

/**
 * The phones list as the page renders it: one page of devices with their last fetch and firmware,
 * the filters in force, and links to the neighbouring pages.
 *
 * @param search search text
 * @param model model filter
 * @param vendors vendor filter choices
 * @param sites site filter choices
 * @param statuses registration status choices
 * @param rows the devices on this page
 * @param total devices matching the filters
 * @param first 1-based number of the first row shown (0 when none)
 * @param last 1-based number of the last row shown
 * @param previous link to the previous page, or null
 * @param next link to the next page, or null
 * @param limit rows per page
 */
public record PhonesView(String search, String model, List<Choice> vendors, List<Choice> sites, List<Choice> statuses,
        List<Row> rows, long total, long first, long last, String previous, String next, int limit) {

    /** Copies the lists. */
    public PhonesView {
        vendors = List.copyOf(vendors);
        sites = List.copyOf(sites);
        statuses = List.copyOf(statuses);
        rows = List.copyOf(rows);
    }

    /** Whether the page has no row. */
    public boolean empty() {
        return rows.isEmpty();
    }

    /**
     * An option of a filter.
     *
     * @param value submitted value
     * @param label shown text
     * @param selected whether it is the filter in force
     */
    public record Choice(String value, String label, boolean selected) {
        /** Validates. */
        public Choice {
            Objects.requireNonNull(value, "value is null");
            Objects.requireNonNull(label, "label is null");
        }
    }

    /**
     * One device row.
     *
     * @param mac MAC with colons
     * @param hex MAC as 12 hex digits (links)
     * @param vendor vendor id
     * @param model model
     * @param label label
     * @param site site name
     * @param lastFetch time of the last fetch, or empty
     * @param firmware firmware of the last fetch, or empty
     * @param ip address of the last fetch or the device's, or empty
     */
    public record Row(String mac, String hex, String vendor, String model, String label, String site, String lastFetch,
            String firmware, String ip) {
        /** Validates. */
        public Row {
            Objects.requireNonNull(mac, "mac is null");
            Objects.requireNonNull(hex, "hex is null");
        }
    }
}
