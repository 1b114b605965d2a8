package org.vsconsole.base;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class outside {@code host} that reads or writes files of its own under the console's
 * data directory (the audit anchor, terminal recordings, the boot id it saw last). Every other
 * class reaches files only through the host port; an architecture rule holds both to it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataDirFiles {
}
