package org.vsconsole.updates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code apt-get -s} says it would do: {@code Inst pkg [old] (new origin [arch])} for each
 * install or upgrade, {@code Remv pkg [ver]} for each removal. An upgrade is a security update
 * when the new version comes from a {@code -security} suite ({@code Debian-Security:12/…}).
 */
public record AptSimulation(List<String> upgraded, List<String> installed, List<String> removed, int security) {

    private static final Pattern INST = Pattern.compile("^Inst (\\S+)( \\[[^]]*])? \\((.*)\\)");
    private static final Pattern REMV = Pattern.compile("^Remv (\\S+)");

    public AptSimulation {
        upgraded = List.copyOf(upgraded);
        installed = List.copyOf(installed);
        removed = List.copyOf(removed);
    }

    public static AptSimulation parse(List<String> lines) {
        List<String> upgraded = new ArrayList<>();
        List<String> installed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int security = 0;
        for (String line : lines) {
            Matcher inst = INST.matcher(line.strip());
            if (inst.find()) {
                (inst.group(2) == null ? installed : upgraded).add(inst.group(1));
                String origin = inst.group(3);
                if (inst.group(2) != null && (origin.contains("-security") || origin.contains("Debian-Security"))) {
                    security++;
                }
                continue;
            }
            Matcher remv = REMV.matcher(line.strip());
            if (remv.find()) {
                removed.add(remv.group(1));
            }
        }
        return new AptSimulation(upgraded, installed, removed, security);
    }

    public boolean changesNothing() {
        return upgraded.isEmpty() && installed.isEmpty() && removed.isEmpty();
    }

    /** "would upgrade 3 (1 security): a, b, c; install 1: d; remove none". */
    public String summary() {
        if (changesNothing()) {
            return "nothing to do";
        }
        List<String> parts = new ArrayList<>();
        if (!upgraded.isEmpty()) {
            parts.add("upgrade " + upgraded.size() + (security > 0 ? " (" + security + " security)" : "") + ": "
                    + list(upgraded));
        }
        if (!installed.isEmpty()) {
            parts.add("install " + installed.size() + ": " + list(installed));
        }
        if (!removed.isEmpty()) {
            parts.add("remove " + removed.size() + ": " + list(removed));
        }
        return "would " + String.join("; ", parts);
    }

    private static String list(List<String> names) {
        return names.size() <= 12
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + " and " + (names.size() - 12) + " more";
    }
}
