package org.vsconsole.base;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error answers an endpoint gives beyond those every endpoint can give (400 for bad input,
 * 401, 403, 413 for a body, 500), so the API description lists what a script must expect: 404
 * (no such thing, or one the caller may not see), 409 (the state forbids it or a digest is
 * stale), 412 (an {@code If-Match} names an old ETag).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiErrors {

    int[] value();
}
