package org.vsconsole.host.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fingerprint of every entry of a guest's config tree (path → type and content hash or link
 * target) and the digest over it. Kept next to the parsed model so a conflict can say which
 * files changed, not just that something did.
 */
public record ConfigManifest(Map<String, String> fingerprints) {

    public ConfigManifest {
        fingerprints = Collections.unmodifiableMap(new TreeMap<>(fingerprints));
    }

    /** SHA-256 hex over the sorted relative paths, types, link targets and content hashes. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : fingerprints.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Paths added, removed or changed between this (older) manifest and {@code current}. */
    public List<String> differences(ConfigManifest current) {
        TreeSet<String> all = new TreeSet<>(fingerprints.keySet());
        all.addAll(current.fingerprints.keySet());
        List<String> out = new ArrayList<>();
        for (String p : all) {
            if (!Objects.equals(fingerprints.get(p), current.fingerprints.get(p))) {
                out.add(p);
            }
        }
        return out;
    }
}
