package org.vsconsole.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.vsconsole.base.InvalidInputException;

/** One limit change per guest at a time; a second one is refused rather than interleaved. */
@Component
class LimitLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T withLock(String guest, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(guest, g -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new InvalidInputException("guest", "another limit change on '" + guest + "' is in progress; try again when it ends");
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
