package org.endpointmanager.core.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.render.Escaping;

/**
 * Masks a profile's secrets in a rendered file, for previews, diffs and stored copies. Each
 * secret is masked as written raw and as escaped for XML, longest first so a secret containing
 * another is masked whole.
 */
public final class SecretMasker {

    private SecretMasker() {
    }

    /** The body with every occurrence of every secret replaced by {@link Secret#MASK}. */
    public static String mask(String body, List<Secret> secrets) {
        List<String> forms = new ArrayList<>();
        for (Secret s : secrets) {
            String clear = s.reveal();
            if (clear.isEmpty()) {
                continue;
            }
            forms.add(clear);
            String xml = Escaping.XML.escape(clear);
            if (!xml.equals(clear)) {
                forms.add(xml);
            }
            String line = Escaping.LINE.escape(clear);
            if (!line.equals(clear)) {
                forms.add(line);
            }
        }
        forms.sort(Comparator.comparingInt(String::length).reversed());
        String out = body;
        for (String f : forms) {
            out = out.replace(f, Secret.MASK);
        }
        return out;
    }
}
