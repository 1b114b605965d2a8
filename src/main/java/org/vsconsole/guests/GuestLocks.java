package org.vsconsole.guests;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.vsconsole.base.InvalidInputException;

/**
 * One state-changing operation per guest at a time: a second one is refused with a clear
 * message instead of interleaving (start during stop, two deletes).
 */
@Component
class GuestLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T withLock(String guest, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(guest, g -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new InvalidInputException("guest", "another operation on '" + guest + "' is in progress; try again when it ends");
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
