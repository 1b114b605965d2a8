package org.vsconsole.host.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Containment checks for paths inside a tree the console writes as root: the config root, and a
 * new guest's root tree (which a clone copies from a guest). A path built from request data must
 * stay under its base after normalisation, and no existing component below the base may be a
 * symlink: a planted {@code rlimits -> /etc} would otherwise turn a limit edit into a write to /etc.
 */
public final class SafePaths {

    private SafePaths() {
    }

    /**
     * Returns {@code path} normalised when it is inside {@code base} and no existing component
     * strictly below {@code base} (including the last) is a symlink; missing components are fine.
     */
    public static Path requireNoSymlinkBelow(Path base, Path path) throws IOException {
        Path b = base.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(b) || p.equals(b)) {
            throw new UnsafePathException(path + " is not inside " + base);
        }
        Path cur = b;
        for (Path part : b.relativize(p)) {
            cur = cur.resolve(part);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(cur, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return p;
            }
            if (a.isSymbolicLink()) {
                throw new UnsafePathException(b.relativize(cur) + " is a symlink; the console never writes through symlinks");
            }
            if (!cur.equals(p) && !a.isDirectory()) {
                throw new UnsafePathException(b.relativize(cur) + " is not a directory");
            }
        }
        return p;
    }
}
