package org.vsconsole.host.config;

/** One planned file-system step, relative to a guest's config dir. */
sealed interface FileOp {

    String path();

    record Write(String path, byte[] content) implements FileOp {
    }

    record Delete(String path) implements FileOp {
    }

    record DeleteTree(String path) implements FileOp {
    }
}
