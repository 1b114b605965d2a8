package org.vsconsole.base;

import java.io.IOException;

/** A request body went over the console's limit while it was being read; answered 413. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long maxBytes) {
        super("the request body is larger than " + maxBytes + " bytes");
    }

    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
