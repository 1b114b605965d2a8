package org.vsconsole.base;

import java.util.List;

/**
 * One way to page every collection of the API: {@code offset} (0 or more) and {@code limit}
 * (1 to {@link #MAX_LIMIT}), refused by name when out of range; the total, where it is cheap to
 * know, goes in the {@link #TOTAL_HEADER} header, so a collection's body stays what it was.
 */
public record Paging(int offset, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final String TOTAL_HEADER = "X-Total-Count";

    public Paging {
        if (offset < 0) {
            throw new InvalidInputException("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** The page of an in-memory list. */
    public <T> List<T> of(List<T> all) {
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, (int) Math.min(all.size(), (long) offset + limit));
    }
}
