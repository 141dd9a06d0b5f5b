package org.endpointmanager.vendor.fanvil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;

/**
 * Builds the scope of the {@code <sysConf>} template: the items' paths become a tree, which is
 * flattened into open/leaf/close nodes so the template stays a plain loop. Raw parameters name a
 * path from the root ({@code sip/line[1]/EnableReg} or {@code sip.line[1].EnableReg}).
 */
final class FanvilSysConfWriter {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_]{0,63})(?:\\[([0-9]{1,3})\\])?");

    private FanvilSysConfWriter() {
    }

    /** A tree node: an element with children or a text value. */
    private static final class Node {
        final String tag;
        final String index;
        final Map<String, Node> children = new LinkedHashMap<>();
        String value;

        Node(String tag, String index) {
            this.tag = tag;
            this.index = index;
        }
    }

    static Map<String, Object> scope(List<FanvilItem> items, RawParameters raw, List<String> sections, List<String> refused) {
        Node root = new Node("sysConf", null);
        for (FanvilItem item : items) {
            item.xmlPath().ifPresent(path -> put(root, path, item.value()));
        }
        for (String section : sections) {
            for (RawParameter p : raw.section(section)) {
                if (!put(root, p.key().strip(), p.value().strip())) {
                    refused.add(p.key());
                }
            }
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        flatten(root, "", nodes);
        return Map.of("nodes", nodes);
    }

    private static boolean put(Node root, String path, String value) {
        String[] parts = path.split("[/.]", -1);
        if (parts.length < 2 || parts.length > 8) {
            return false;
        }
        Node at = root;
        for (int i = 0; i < parts.length; i++) {
            Matcher m = SEGMENT.matcher(parts[i]);
            if (!m.matches()) {
                return false;
            }
            String key = parts[i];
            Node next = at.children.get(key);
            if (next == null) {
                if (at.value != null) {
                    return false;
                }
                next = new Node(m.group(1), m.group(2));
                at.children.put(key, next);
            }
            at = next;
        }
        if (!at.children.isEmpty()) {
            return false;
        }
        at.value = value;
        return true;
    }

    private static void flatten(Node node, String indent, List<Map<String, Object>> out) {
        boolean indexed = node.index != null;
        String index = indexed ? node.index : "";
        if (node.value != null) {
            out.add(Map.of("leaf", true, "tag", node.tag, "value", node.value, "indent", indent));
            return;
        }
        out.add(Map.of("open", true, "tag", node.tag, "indexed", indexed, "index", index, "indent", indent));
        for (Node child : node.children.values()) {
            flatten(child, indent + "  ", out);
        }
        out.add(Map.of("close", true, "tag", node.tag, "indent", indent));
    }
}
