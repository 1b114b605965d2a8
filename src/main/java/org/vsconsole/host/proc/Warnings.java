package org.vsconsole.host.proc;

import java.util.ArrayList;
import java.util.List;

/** Collects parser warnings, capped so a file of binary junk cannot flood the caller. */
final class Warnings {

    static final int LIMIT = 20;

    private final String source;
    private final List<String> messages = new ArrayList<>(2);
    private int dropped;

    Warnings(String source) {
        this.source = source;
    }

    void add(String message) {
        if (messages.size() < LIMIT) {
            messages.add(source + ": " + message);
        } else {
            dropped++;
        }
    }

    void addAll(List<String> alreadyPrefixed) {
        for (String message : alreadyPrefixed) {
            if (messages.size() < LIMIT) {
                messages.add(message);
            } else {
                dropped++;
            }
        }
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> toList() {
        if (dropped == 0) {
            return List.copyOf(messages);
        }
        List<String> all = new ArrayList<>(messages);
        all.add(source + ": " + dropped + " more warnings not shown");
        return List.copyOf(all);
    }

    <T> Parsed<T> result(T value) {
        return new Parsed<>(value, toList());
    }
}
